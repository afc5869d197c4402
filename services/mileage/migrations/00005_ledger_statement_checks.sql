-- +goose Up
-- Issue 17: the same ledger invariants for less work per posting. A posting
-- writes all its entries in one statement, so the entries are checked once
-- per statement (a transition table) instead of once per row at commit,
-- and a citizen's running balance moves once per statement:
--  - every transaction an INSERT into ledger_entries touches must balance
--    (≥ 2 entries summing to zero) right after the statement, counting its
--    earlier entries too: no entry joins a committed transaction, and no
--    transaction is written in pieces;
--  - the deferred check on ledger_transactions stays (one per posting), so
--    a transaction row without entries still cannot commit;
--  - immutability, the CHECK (balance >= 0) and the foreign keys stay.

DROP TRIGGER ledger_entries_balanced ON ledger_entries;
DROP TRIGGER ledger_entries_citizen_balance ON ledger_entries;
DROP FUNCTION ledger_citizen_balance;

-- +goose StatementBegin
CREATE FUNCTION ledger_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n int;
    total numeric;
BEGIN
    -- Row by row over the few rows of the statement, so each lookup is an
    -- index probe whatever the planner guesses about the transition table.
    FOR r IN SELECT DISTINCT transaction_id AS id FROM new_entries LOOP
        SELECT count(*), sum(amount) INTO n, total FROM ledger_entries WHERE transaction_id = r.id;
        IF total <> 0 OR n < 2 THEN
            RAISE EXCEPTION 'ledger transaction % is unbalanced: % entries summing to %', r.id, n, total
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END LOOP;
    -- A citizen's running balance follows its entries (and its CHECK keeps
    -- it from ever going negative).
    FOR r IN SELECT account, sum(amount) AS amount FROM new_entries WHERE account LIKE 'citizen:%' GROUP BY account LOOP
        UPDATE accounts SET balance = balance + r.amount WHERE code = r.account;
    END LOOP;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_inserted AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_inserted();

-- +goose Down
DROP TRIGGER ledger_entries_inserted ON ledger_entries;
DROP FUNCTION ledger_entries_inserted;
-- +goose StatementBegin
CREATE FUNCTION ledger_citizen_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.account LIKE 'citizen:%' THEN
        UPDATE accounts SET balance = balance + NEW.amount WHERE code = NEW.account;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_citizen_balance AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_citizen_balance();
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
