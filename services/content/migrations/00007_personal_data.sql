-- +goose Up
-- Personal data in feedback comments is masked by the suite's shared
-- detector (platform/personaldata) before it is stored (A10.1, A10.4);
-- personal_data_kinds names what was masked. text_screened is false on the
-- rows stored before this migration, which the service masks once at start
-- (platform/personaldata/rescreen), and true by default since.
ALTER TABLE feedback ADD COLUMN personal_data_kinds text[] NOT NULL DEFAULT '{}';
ALTER TABLE feedback ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE feedback ALTER COLUMN text_screened SET DEFAULT true;
CREATE INDEX feedback_unscreened ON feedback ((1)) WHERE NOT text_screened;

-- Feedback stays append-only (scorecards recount it), with one exception:
-- the one-time screening of a row stored before, which masks its comment
-- and records the kinds, and changes nothing a scorecard counts.
-- +goose StatementBegin
CREATE FUNCTION feedback_screening_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NOT OLD.text_screened AND NEW.text_screened
       AND (NEW.id, NEW.item_id, NEW.department_code, NEW.subject_id, NEW.helpful, NEW.created_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.item_id, OLD.department_code, OLD.subject_id, OLD.helpful, OLD.created_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;
-- +goose StatementEnd
DROP TRIGGER feedback_append_only ON feedback;
CREATE TRIGGER feedback_append_only BEFORE UPDATE OR DELETE ON feedback
    FOR EACH ROW EXECUTE FUNCTION feedback_screening_only();

-- +goose Down
DROP TRIGGER feedback_append_only ON feedback;
CREATE TRIGGER feedback_append_only BEFORE UPDATE OR DELETE ON feedback
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
DROP FUNCTION feedback_screening_only();
ALTER TABLE feedback DROP COLUMN text_screened, DROP COLUMN personal_data_kinds;
