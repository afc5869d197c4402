-- +goose Up
-- Four eyes on manual grants (A8.1): a grant above the approval threshold
-- is only requested here; another official of the mileage department
-- approves it, and only then is it credited (through awards, as every
-- grant). The checks hold even against a buggy caller: nobody approves
-- their own request or a grant to themselves.
CREATE TABLE grant_requests (
    id           uuid        PRIMARY KEY,
    subject_id   text        NOT NULL,
    points       bigint      NOT NULL CHECK (points > 0),
    reason       text        NOT NULL,
    request_id   text        NOT NULL,
    requested_by text        NOT NULL,
    requester_roles text     NOT NULL,
    department   text        NOT NULL DEFAULT '',
    requested_at timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('pending', 'approved')),
    approved_by  text,
    approved_at  timestamptz,
    award_id     text REFERENCES awards (id),
    UNIQUE (requested_by, request_id),
    CHECK (requested_by <> subject_id),
    CHECK (approved_by IS NULL OR (approved_by <> requested_by AND approved_by <> subject_id)),
    CHECK ((status = 'approved') = (approved_by IS NOT NULL AND award_id IS NOT NULL))
);

-- +goose Down
DROP TABLE grant_requests;
