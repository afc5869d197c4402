-- +goose Up
-- Issue 17: the same ledger invariants for less work per posting.
-- 00005's statement trigger ran four queries per posting (the distinct
-- transactions of the statement, each one's sum, the citizens' sums, and an
-- update per citizen), each planned anew over the transition table. Now:
--  - balanced transactions: one query per INSERT statement into
--    ledger_entries checks every transaction it touched (≥ 2 entries
--    summing to zero, its earlier entries counted, so no entry joins a
--    committed transaction), one index probe per transaction;
--  - a citizen's running balance: a row trigger fired only for citizens'
--    entries (WHEN, so an entry of a system account calls no function and
--    touches no account row), one cached UPDATE; its CHECK (balance >= 0)
--    still refuses an overdraft;
--  - unchanged: system accounts keep no running balance (they are summed
--    from entries), the deferred per-transaction check (a transaction row
--    without entries cannot commit), immutability and the foreign keys.

DROP TRIGGER ledger_entries_inserted ON ledger_entries;
DROP FUNCTION ledger_entries_inserted;

-- +goose StatementBegin
CREATE FUNCTION ledger_entries_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    txid  uuid;
    n     bigint;
    total numeric;
BEGIN
    -- LATERAL: one index probe per transaction of the statement, whatever
    -- the planner guesses about the transition table.
    SELECT t.id, s.n, s.total INTO txid, n, total
    FROM (SELECT DISTINCT transaction_id AS id FROM new_entries) t,
         LATERAL (SELECT count(*) AS n, coalesce(sum(amount), 0) AS total
                  FROM ledger_entries WHERE transaction_id = t.id) s
    WHERE s.total <> 0 OR s.n < 2
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % is unbalanced: % entries summing to %', txid, n, total
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_balanced();

-- +goose StatementBegin
CREATE FUNCTION ledger_citizen_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount WHERE code = NEW.account;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_citizen_balance AFTER INSERT ON ledger_entries
    FOR EACH ROW WHEN (NEW.account LIKE 'citizen:%') EXECUTE FUNCTION ledger_citizen_balance();

-- +goose Down
DROP TRIGGER ledger_entries_citizen_balance ON ledger_entries;
DROP FUNCTION ledger_citizen_balance;
DROP TRIGGER ledger_entries_balanced ON ledger_entries;
DROP FUNCTION ledger_entries_balanced;
-- +goose StatementBegin
CREATE FUNCTION ledger_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n int;
    total numeric;
BEGIN
    FOR r IN SELECT DISTINCT transaction_id AS id FROM new_entries LOOP
        SELECT count(*), sum(amount) INTO n, total FROM ledger_entries WHERE transaction_id = r.id;
        IF total <> 0 OR n < 2 THEN
            RAISE EXCEPTION 'ledger transaction % is unbalanced: % entries summing to %', r.id, n, total
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END LOOP;
    FOR r IN SELECT account, sum(amount) AS amount FROM new_entries WHERE account LIKE 'citizen:%' GROUP BY account LOOP
        UPDATE accounts SET balance = balance + r.amount WHERE code = r.account;
    END LOOP;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_inserted AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_inserted();
