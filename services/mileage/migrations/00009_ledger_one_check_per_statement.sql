-- +goose Up
-- Issue 17: the same ledger invariants for less work per posting. A posting
-- of two entries ran, besides the running balance and the deferred check,
-- four foreign-key queries (SELECT … FOR KEY SHARE, which also wrote a row
-- lock on the issuance account every posting of the city shares) and a
-- statement of its own to create a missing citizen's account. Now:
--  - one query per INSERT statement into ledger_entries checks every
--    transaction it touched (≥ 2 entries summing to zero, all of them
--    written by this statement: no entry joins a transaction written
--    before, not even a balanced pair, which 00008 let through) and that
--    each entry's transaction and account exist: the foreign keys' work as
--    one probe per transaction and per entry, without row locks (rows of
--    ledger_transactions are immutable, and accounts are never deleted nor
--    renamed now, so what was checked stays true); a missing one is
--    foreign_key_violation, as before;
--  - a citizen's running balance moves as before, and the citizen's account
--    is created by its first entry (subject = the code after 'citizen:'),
--    so a posting needs no statement for it; the CHECK (balance >= 0)
--    still refuses an overdraft, a first entry's included; system
--    accounts must exist and keep no running balance;
--  - unchanged: the deferred per-transaction check (a transaction row
--    without entries cannot commit) and immutability.

DROP TRIGGER ledger_entries_balanced ON ledger_entries;
DROP FUNCTION ledger_entries_balanced;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_transaction_id_fkey,
    DROP CONSTRAINT ledger_entries_account_fkey;

-- +goose StatementBegin
CREATE FUNCTION ledger_entries_checked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    code    text;
    problem text;
BEGIN
    -- One query; LATERAL aggregates, so each lookup is an index probe per
    -- transaction or entry whatever the planner guesses about the
    -- transition table (a hashed subplan would read whole tables).
    SELECT p.code, p.problem INTO code, problem FROM (
        SELECT CASE WHEN x.k = 0 THEN '23503' ELSE '23000' END AS code,
               CASE WHEN x.k = 0 THEN format('ledger transaction %s does not exist', t.id)
               ELSE format('ledger transaction %s is unbalanced: %s entries summing to %s, %s of them written by this statement',
                           t.id, s.n, s.total, t.n) END AS problem
        FROM (SELECT transaction_id AS id, count(*) AS n FROM new_entries GROUP BY transaction_id) t,
             LATERAL (SELECT count(*) AS n, coalesce(sum(amount), 0) AS total
                      FROM ledger_entries WHERE transaction_id = t.id) s,
             LATERAL (SELECT count(*) AS k FROM ledger_transactions x WHERE x.id = t.id) x
        WHERE x.k = 0 OR s.total <> 0 OR s.n < 2 OR s.n <> t.n
        UNION ALL
        -- A citizen's account exists: the running balance's row trigger of
        -- the same statement creates it if need be.
        SELECT '23503', format('ledger account %s does not exist', e.account)
        FROM new_entries e, LATERAL (SELECT count(*) AS k FROM accounts a WHERE a.code = e.account) a
        WHERE e.account NOT LIKE 'citizen:%' AND a.k = 0) p
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%', problem USING ERRCODE = code;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_checked AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_checked();

-- The row trigger of 00008 (fired only for citizens' entries) keeps its
-- WHEN; its function now creates the account on the first entry.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION ledger_citizen_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount WHERE code = NEW.account;
    IF NOT FOUND THEN
        -- The first entry: a debit refused by the new row's CHECK, a
        -- concurrent first entry added to.
        INSERT INTO accounts AS a (code, kind, subject_id, balance)
        VALUES (NEW.account, 'citizen', substr(NEW.account, length('citizen:') + 1), NEW.amount)
        ON CONFLICT (code) DO UPDATE SET balance = a.balance + excluded.balance;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- What the entries' foreign key to accounts also kept: an account is never
-- deleted nor renamed (none ever was).
-- +goose StatementBegin
CREATE FUNCTION accounts_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accounts are never deleted nor renamed: ledger entries refer to them'
        USING ERRCODE = 'restrict_violation';
END $$;
-- +goose StatementEnd
CREATE TRIGGER accounts_kept BEFORE DELETE OR UPDATE OF code ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_kept();
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_kept();

-- +goose Down
DROP TRIGGER accounts_no_truncate ON accounts;
DROP TRIGGER accounts_kept ON accounts;
DROP FUNCTION accounts_kept;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION ledger_citizen_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount WHERE code = NEW.account;
    RETURN NULL;
END $$;
-- +goose StatementEnd
DROP TRIGGER ledger_entries_checked ON ledger_entries;
DROP FUNCTION ledger_entries_checked;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_transaction_id_fkey
        FOREIGN KEY (transaction_id) REFERENCES ledger_transactions (id),
    ADD CONSTRAINT ledger_entries_account_fkey FOREIGN KEY (account) REFERENCES accounts (code);
-- +goose StatementBegin
CREATE FUNCTION ledger_entries_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    txid  uuid;
    n     bigint;
    total numeric;
BEGIN
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
