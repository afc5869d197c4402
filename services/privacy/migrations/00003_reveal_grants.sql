-- +goose Up
-- Case-bound reveal grants (A10.1): an official reveals a citizen's contact
-- data for complaint_handling or prize_delivery only for a case that their
-- department holds. Grants are recorded from other services' domain events
-- (petition: complaint assigned/transferred/answered/closed/reopened; event:
-- prize awarded), never by a call. No personal value is stored here: only
-- opaque subject ids, case ids and department codes.

-- reveal_grants keeps every grant with its history: a transfer revokes the
-- old department's row and inserts the new one's. At most one live
-- (unrevoked) grant per purpose, case and subject.
CREATE TABLE reveal_grants (
    id             bigserial PRIMARY KEY,
    purpose        text NOT NULL CHECK (purpose IN ('complaint_handling', 'prize_delivery')),
    case_reference text NOT NULL,
    subject_id     text NOT NULL,
    -- department is '' for a prize grant recorded before the event's
    -- department was known; reads resolve it from event_departments.
    department     text NOT NULL,
    granted_at     timestamptz NOT NULL,
    -- expires_at: NULL while the case is open; the end of the grace period
    -- once answered or closed, or of the delivery window for prizes.
    expires_at     timestamptz,
    revoked_at     timestamptz,
    -- reason names the last change (assigned, transferred, answered, ...).
    reason         text NOT NULL,
    -- event_id is the domain event that last changed the row.
    event_id       text NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reveal_grants_live ON reveal_grants (purpose, case_reference, subject_id) WHERE revoked_at IS NULL;
CREATE INDEX reveal_grants_case ON reveal_grants (case_reference, purpose);

-- grant_cases is the newest domain event applied per case, so an event
-- redelivered out of order (an old assignment after a transfer) cannot
-- bring back a grant that a later event moved or revoked.
CREATE TABLE grant_cases (
    purpose        text NOT NULL,
    case_reference text NOT NULL,
    last_event_at  timestamptz NOT NULL,
    PRIMARY KEY (purpose, case_reference)
);

-- event_departments is the department running each participation event
-- (from seoul.event.participation.announced), joined to prize grants when
-- they are read, so the two events may arrive in either order.
CREATE TABLE event_departments (
    event_id      text PRIMARY KEY,
    department    text NOT NULL,
    last_event_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE event_departments;
DROP TABLE grant_cases;
DROP TABLE reveal_grants;
