-- The department evaluation's read model (A4.3): facts other services
-- announced about departments' work, fed by consumers of their events.
-- Each row keeps when the fact happened (occurred_at, the event's time)
-- and when it reached this service (recorded_at), and is never changed, so
-- a past period's scorecard is computed again from the same rows. The
-- event id is unique as well as recorded in the inbox, so a replay under
-- another consumer name still counts each fact once.
-- +goose Up
CREATE TABLE complaint_facts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        text NOT NULL UNIQUE,
    complaint_id    text NOT NULL,
    step            text NOT NULL CHECK (step IN ('received', 'assigned', 'transferred', 'transferred_out',
                                                  'extended', 'answered', 'reopened', 'closed')),
    -- the department holding the complaint after the step ('' before assignment)
    department_code text NOT NULL,
    due_at          timestamptz,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX complaint_facts_complaint ON complaint_facts (complaint_id, occurred_at, id);
CREATE INDEX complaint_facts_occurred ON complaint_facts (occurred_at);

CREATE TABLE moderation_facts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        text NOT NULL UNIQUE,
    -- the removal's decision, on a removal and on its reversal alike
    decision_id     text NOT NULL,
    step            text NOT NULL CHECK (step IN ('removed', 'overturned')),
    -- the department answerable for a removal ('' on a reversal)
    department_code text NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX moderation_facts_decision ON moderation_facts (decision_id, step);
CREATE INDEX moderation_facts_occurred ON moderation_facts (occurred_at);

CREATE TRIGGER complaint_facts_append_only BEFORE UPDATE OR DELETE ON complaint_facts
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER moderation_facts_append_only BEFORE UPDATE OR DELETE ON moderation_facts
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- +goose Down
DROP TABLE moderation_facts;
DROP TABLE complaint_facts;
