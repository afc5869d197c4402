-- +goose Up
-- The privacy service's vault (A10.4). No column here ever holds a personal
-- value in plaintext: values are AES-256-GCM ciphertexts under a
-- per-subject data key, and the data key is stored only wrapped by a
-- key-encryption key kept outside the database.

-- subjects holds each subject's wrapped data key. Erasure sets wrapped_key
-- to NULL (crypto-shredding); the row stays so the erasure is explainable.
CREATE TABLE subjects (
    subject_id  text PRIMARY KEY,
    wrapped_key bytea,
    kek_version integer,
    created_at  timestamptz NOT NULL DEFAULT now(),
    erased_at   timestamptz,
    CHECK ((wrapped_key IS NULL) = (kek_version IS NULL))
);
-- The rewrap job finds keys under old versions through this index.
CREATE INDEX subjects_kek_version ON subjects (kek_version) WHERE wrapped_key IS NOT NULL;

-- personal_fields holds one encrypted value per subject and field.
CREATE TABLE personal_fields (
    token       text PRIMARY KEY,
    subject_id  text NOT NULL REFERENCES subjects (subject_id),
    field       text NOT NULL,
    ciphertext  bytea NOT NULL,
    blind_index bytea,
    purpose     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subject_id, field)
);
CREATE INDEX personal_fields_blind_index ON personal_fields (field, blind_index) WHERE blind_index IS NOT NULL;

-- access_log is append-only (A10.1): a trigger refuses UPDATE and DELETE,
-- and each row carries an HMAC link over the previous row's link, so an
-- edit that bypasses the trigger is detected by VerifyAccessLog.
CREATE TABLE access_log (
    seq              bigint PRIMARY KEY,
    occurred_at      timestamptz NOT NULL,
    actor_subject    text NOT NULL,
    actor_roles      text[] NOT NULL,
    actor_department text NOT NULL,
    calling_service  text NOT NULL,
    subject_id       text NOT NULL,
    fields           text[] NOT NULL,
    purpose          text NOT NULL,
    case_reference   text NOT NULL,
    outcome          text NOT NULL,
    reason           text NOT NULL,
    prev_hash        bytea NOT NULL,
    hash             bytea NOT NULL
);
CREATE SEQUENCE access_log_seq;
CREATE INDEX access_log_subject ON access_log (subject_id, seq DESC);
CREATE INDEX access_log_actor ON access_log (actor_subject, seq DESC);

-- +goose StatementBegin
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

-- consents: one row per grant; withdrawal stamps withdrawn_at. At most one
-- live grant per subject and purpose.
CREATE TABLE consents (
    id             bigserial PRIMARY KEY,
    subject_id     text NOT NULL,
    purpose        text NOT NULL,
    policy_version text NOT NULL,
    granted_at     timestamptz NOT NULL DEFAULT now(),
    withdrawn_at   timestamptz
);
CREATE UNIQUE INDEX consents_live ON consents (subject_id, purpose) WHERE withdrawn_at IS NULL;

-- disclosures is the disclosure register (A10.2).
CREATE TABLE disclosures (
    id              uuid PRIMARY KEY,
    request_id      text UNIQUE,
    requester       text NOT NULL,
    legal_basis     text NOT NULL CHECK (legal_basis IN ('consent', 'investigation', 'statistics', 'other_law')),
    legal_reference text NOT NULL,
    purpose         text NOT NULL,
    subject_id      text NOT NULL,
    fields          text[] NOT NULL,
    dimension       text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'released')),
    recorded_by     text NOT NULL,
    approver        text NOT NULL DEFAULT '',
    decision_reason text NOT NULL DEFAULT '',
    requested_at    timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz,
    released_at     timestamptz,
    -- Statistics never name a subject: the register itself enforces it.
    CHECK (legal_basis <> 'statistics' OR subject_id = '')
);
CREATE INDEX disclosures_requested ON disclosures (requested_at DESC, id DESC);

-- legal_holds block erasure while a legal matter needs the data.
CREATE TABLE legal_holds (
    id             uuid PRIMARY KEY,
    subject_id     text NOT NULL,
    reason         text NOT NULL,
    case_reference text NOT NULL,
    placed_by      text NOT NULL,
    placed_at      timestamptz NOT NULL DEFAULT now(),
    released_at    timestamptz,
    released_by    text NOT NULL DEFAULT ''
);
CREATE INDEX legal_holds_active ON legal_holds (subject_id) WHERE released_at IS NULL;

-- policies are the versions of the privacy policy (A10.3).
CREATE TABLE policies (
    version        text PRIMARY KEY,
    title_ko       text NOT NULL,
    title_en       text NOT NULL,
    body_ko        text NOT NULL,
    body_en        text NOT NULL,
    effective_from timestamptz NOT NULL,
    published_by   text NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE policies;
DROP TABLE legal_holds;
DROP TABLE disclosures;
DROP TABLE consents;
DROP TABLE access_log;
DROP FUNCTION access_log_append_only();
DROP SEQUENCE access_log_seq;
DROP TABLE personal_fields;
DROP TABLE subjects;
