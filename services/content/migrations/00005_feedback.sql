-- Citizens' feedback (A3.3): append-only, one per subject and item, with
-- running totals per item so reads never count rows.
-- +goose Up
CREATE TABLE feedback (
    id              uuid PRIMARY KEY,
    item_id         uuid NOT NULL REFERENCES items (id),
    department_code text NOT NULL,
    subject_id      text NOT NULL,
    helpful         boolean NOT NULL,
    comment         text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (item_id, subject_id)
);
CREATE INDEX feedback_department ON feedback (department_code, created_at DESC, id DESC);
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TRIGGER feedback_append_only BEFORE UPDATE OR DELETE ON feedback
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE item_feedback_totals (
    item_id     uuid PRIMARY KEY REFERENCES items (id),
    helpful     bigint NOT NULL DEFAULT 0,
    not_helpful bigint NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE item_feedback_totals;
DROP TABLE feedback;
