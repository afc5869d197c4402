-- +goose Up
-- Officials' reasons for manual grants and corrections are masked by the
-- suite's shared detector (platform/personaldata) before they are stored,
-- in the audit and in the ledger memo the citizen's history shows (A10.1,
-- A10.4). text_screened is false on the rows stored before this migration,
-- which the service masks once at start (platform/personaldata/rescreen),
-- and true by default since.
ALTER TABLE manual_adjustments ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE manual_adjustments ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX manual_adjustments_unscreened ON manual_adjustments ((1)) WHERE NOT text_screened;

ALTER TABLE ledger_transactions ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE ledger_transactions ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX ledger_transactions_unscreened ON ledger_transactions ((1)) WHERE NOT text_screened;

-- Ledger transactions stay immutable, with one exception: the one-time
-- screening of a memo stored before, which changes no amount, account,
-- reference or time.
-- +goose StatementBegin
CREATE FUNCTION ledger_transactions_screening_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NOT OLD.text_screened AND NEW.text_screened
       AND (NEW.id, NEW.kind, NEW.reference, NEW.posted_at) IS NOT DISTINCT FROM (OLD.id, OLD.kind, OLD.reference, OLD.posted_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ledger % rows are immutable; post a reversing transaction', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;
-- +goose StatementEnd
DROP TRIGGER ledger_transactions_immutable ON ledger_transactions;
CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_transactions_screening_only();

-- Holds, redemptions, voids and expiries carry only the service's own
-- memos ("points expire on …"): nothing a person wrote, nothing to screen.
UPDATE ledger_transactions SET text_screened = true WHERE kind IN ('hold', 'redemption', 'void', 'expiry');

-- +goose Down
DROP TRIGGER ledger_transactions_immutable ON ledger_transactions;
CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
DROP FUNCTION ledger_transactions_screening_only();
ALTER TABLE ledger_transactions DROP COLUMN text_screened;
ALTER TABLE manual_adjustments DROP COLUMN text_screened;
