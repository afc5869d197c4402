-- +goose Up
-- Petition service: Ask the Mayor (A6.1) and civil complaints (A6.2, A3.1.3).
-- No personal data here: names and contacts are privacy-service tokens with
-- masked views.

-- The public holiday table, versioned: an amendment is a new version and
-- every computed due date records the version it used.
CREATE TABLE holiday_tables (
    version     int PRIMARY KEY CHECK (version > 0),
    covers_from date NOT NULL,
    covers_to   date NOT NULL CHECK (covers_to >= covers_from),
    source      text NOT NULL,
    reason      text NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE holidays (
    version int  NOT NULL REFERENCES holiday_tables (version),
    day     date NOT NULL,
    name    text NOT NULL,
    PRIMARY KEY (version, day)
);

CREATE TABLE opinions (
    id              uuid PRIMARY KEY,
    citizen_subject text NOT NULL DEFAULT '', -- '' = anonymous
    request_id      text,
    title           text NOT NULL,
    body            text NOT NULL,
    publish_consent boolean NOT NULL,
    status          text NOT NULL CHECK (status IN ('received', 'acknowledged', 'converted')),
    name_token      text NOT NULL DEFAULT '',
    name_masked     text NOT NULL DEFAULT '',
    phone_token     text NOT NULL DEFAULT '',
    phone_masked    text NOT NULL DEFAULT '',
    email_token     text NOT NULL DEFAULT '',
    email_masked    text NOT NULL DEFAULT '',
    complaint_id    uuid,
    triage_note     text NOT NULL DEFAULT '',
    triaged_by      text NOT NULL DEFAULT '',
    submitted_at    timestamptz NOT NULL,
    triaged_at      timestamptz,
    UNIQUE (citizen_subject, request_id)
);
CREATE INDEX opinions_by_status ON opinions (status, submitted_at DESC, id DESC);

CREATE TABLE receipt_counters (
    year int PRIMARY KEY,
    last int NOT NULL
);

CREATE TABLE complaints (
    id                    uuid PRIMARY KEY,
    receipt_number        text NOT NULL UNIQUE,
    origin                text NOT NULL CHECK (origin IN ('window', 'opinion', 'open311')),
    opinion_id            uuid UNIQUE REFERENCES opinions (id),
    citizen_subject       text NOT NULL CHECK (citizen_subject <> ''),
    request_id            text,
    complaint_type        text NOT NULL,
    title                 text NOT NULL,
    body                  text NOT NULL,
    publish_consent       boolean NOT NULL,
    lat                   double precision NOT NULL DEFAULT 0,
    long                  double precision NOT NULL DEFAULT 0,
    address               text NOT NULL DEFAULT '',
    name_token            text NOT NULL,
    name_masked           text NOT NULL,
    phone_token           text NOT NULL DEFAULT '',
    phone_masked          text NOT NULL DEFAULT '',
    email_token           text NOT NULL DEFAULT '',
    email_masked          text NOT NULL DEFAULT '',
    status                text NOT NULL CHECK (status IN ('received', 'assigned', 'answered', 'transferred_out', 'closed_repeated')),
    department_code       text NOT NULL DEFAULT '',
    handler_subject       text NOT NULL DEFAULT '',
    outside_agency        text NOT NULL DEFAULT '',
    received_at           timestamptz NOT NULL,
    period                text NOT NULL,
    due_at                timestamptz NOT NULL,
    warn_at               timestamptz NOT NULL,
    holiday_version       int NOT NULL REFERENCES holiday_tables (version),
    first_answered_at     timestamptz,
    answered_late         boolean NOT NULL DEFAULT false,
    satisfaction          int NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5),
    satisfaction_comment  text NOT NULL DEFAULT '',
    closure_note          text NOT NULL DEFAULT '',
    progress_noticed_at   timestamptz,
    reopen_count          int NOT NULL DEFAULT 0,
    due_soon_announced_at timestamptz,
    overdue_announced_at  timestamptz,
    updated_at            timestamptz NOT NULL,
    UNIQUE (citizen_subject, request_id)
);
CREATE INDEX complaints_open_warn ON complaints (warn_at) WHERE status IN ('received', 'assigned');
CREATE INDEX complaints_open_received ON complaints (received_at) WHERE status IN ('received', 'assigned');
CREATE INDEX complaints_by_department ON complaints (department_code, received_at DESC, id DESC);
CREATE INDEX complaints_by_citizen ON complaints (citizen_subject, received_at DESC, id DESC);
CREATE INDEX complaints_published ON complaints (received_at DESC, id DESC) WHERE publish_consent;

CREATE TABLE complaint_extensions (
    complaint_id        uuid NOT NULL REFERENCES complaints (id),
    number              int NOT NULL CHECK (number > 0),
    reason              text NOT NULL,
    period              text NOT NULL,
    previous_due_at     timestamptz NOT NULL,
    new_due_at          timestamptz NOT NULL,
    holiday_version     int NOT NULL REFERENCES holiday_tables (version),
    complainant_consent boolean NOT NULL,
    extended_by         text NOT NULL,
    extended_at         timestamptz NOT NULL,
    PRIMARY KEY (complaint_id, number)
);

CREATE TABLE complaint_answers (
    complaint_id    uuid NOT NULL REFERENCES complaints (id),
    number          int NOT NULL CHECK (number > 0),
    body            text NOT NULL,
    refusal         boolean NOT NULL,
    refusal_reasons text NOT NULL DEFAULT '',
    remedies        text NOT NULL DEFAULT '',
    department_code text NOT NULL,
    answered_by     text NOT NULL,
    answered_at     timestamptz NOT NULL,
    PRIMARY KEY (complaint_id, number),
    CHECK (NOT refusal OR (refusal_reasons <> '' AND remedies <> ''))
);

-- The audit trail: append-only.
CREATE TABLE complaint_history (
    id              bigserial PRIMARY KEY,
    complaint_id    uuid NOT NULL REFERENCES complaints (id),
    action          text NOT NULL,
    actor_subject   text NOT NULL,
    from_department text NOT NULL DEFAULT '',
    to_department   text NOT NULL DEFAULT '',
    detail          text NOT NULL DEFAULT '',
    at              timestamptz NOT NULL
);
CREATE INDEX complaint_history_by_complaint ON complaint_history (complaint_id, id);

-- +goose Down
DROP TABLE complaint_history, complaint_answers, complaint_extensions, complaints,
    receipt_counters, opinions, holidays, holiday_tables;
