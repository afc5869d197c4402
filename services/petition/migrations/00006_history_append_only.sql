-- +goose Up
-- complaint_history is the complaint's audit trail (A6.2: who received,
-- assigned, transferred, extended and answered it, and when), so it is
-- append-only in the database itself, like the history tables of content,
-- mileage and privacy: no UPDATE, DELETE or TRUNCATE, whoever asks. The one
-- exception is the one-time screening of a line stored before the shared
-- detector (platform/personaldata/rescreen, migration 00003), which masks
-- its detail and changes nothing else.
-- +goose StatementBegin
CREATE FUNCTION complaint_history_screening_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NOT OLD.text_screened AND NEW.text_screened
       AND (NEW.id, NEW.complaint_id, NEW.action, NEW.actor_subject, NEW.from_department, NEW.to_department, NEW.at)
           IS NOT DISTINCT FROM (OLD.id, OLD.complaint_id, OLD.action, OLD.actor_subject, OLD.from_department,
                                 OLD.to_department, OLD.at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;
-- +goose StatementEnd
CREATE TRIGGER complaint_history_append_only BEFORE UPDATE OR DELETE ON complaint_history
    FOR EACH ROW EXECUTE FUNCTION complaint_history_screening_only();
CREATE TRIGGER complaint_history_no_truncate BEFORE TRUNCATE ON complaint_history
    FOR EACH STATEMENT EXECUTE FUNCTION complaint_history_screening_only();

-- +goose Down
DROP TRIGGER complaint_history_no_truncate ON complaint_history;
DROP TRIGGER complaint_history_append_only ON complaint_history;
DROP FUNCTION complaint_history_screening_only();
