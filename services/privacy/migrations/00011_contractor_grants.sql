-- +goose Up
-- Contractor grants (A3.2): an outside contractor acts in one service as an
-- official of a department or a moderator of a board, for at most a year,
-- granted and revoked by admins. A grant is never deleted; only its
-- revocation columns change, once. Every change is appended to
-- contractor_grant_history by trigger in the change's transaction.
CREATE TABLE contractor_grants (
    id                 uuid PRIMARY KEY,
    request_id         text,
    contractor_subject text        NOT NULL,
    company            text        NOT NULL,
    service            text        NOT NULL
        CHECK (service IN ('content', 'board', 'petition', 'event', 'mileage', 'mail', 'privacy')),
    role               text        NOT NULL CHECK (role IN ('official', 'moderator')),
    department_code    text        NOT NULL DEFAULT '',
    board_id           text        NOT NULL DEFAULT '',
    valid_from         timestamptz NOT NULL,
    valid_until        timestamptz NOT NULL,
    reason             text        NOT NULL,
    granted_by         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    revoked_at         timestamptz,
    revoked_by         text        NOT NULL DEFAULT '',
    revoke_reason      text        NOT NULL DEFAULT '',
    CHECK (valid_until > valid_from AND valid_until <= valid_from + interval '1 year'),
    CHECK ((role = 'official') = (department_code <> '') AND (role = 'moderator') = (board_id <> '')),
    UNIQUE (granted_by, request_id)
);
CREATE INDEX contractor_grants_contractor ON contractor_grants (contractor_subject, service);
CREATE INDEX contractor_grants_created ON contractor_grants (created_at DESC, id DESC);

CREATE TABLE contractor_grant_history (
    seq         bigserial PRIMARY KEY,
    grant_id    uuid        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('granted', 'revoked')),
    actor       text        NOT NULL,
    reason      text        NOT NULL,
    grant_row   jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX contractor_grant_history_grant ON contractor_grant_history (grant_id, seq);

-- +goose StatementBegin
CREATE FUNCTION contractor_grants_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
       OR (to_jsonb(OLD) - '{revoked_at,revoked_by,revoke_reason}'::text[])
          IS DISTINCT FROM (to_jsonb(NEW) - '{revoked_at,revoked_by,revoke_reason}'::text[]) THEN
        RAISE EXCEPTION 'contractor grants are only revoked, once' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION contractor_grants_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO contractor_grant_history (grant_id, action, actor, reason, grant_row, occurred_at)
        VALUES (NEW.id, 'granted', NEW.granted_by, NEW.reason, to_jsonb(NEW), NEW.created_at);
    ELSE
        INSERT INTO contractor_grant_history (grant_id, action, actor, reason, grant_row, occurred_at)
        VALUES (NEW.id, 'revoked', NEW.revoked_by, NEW.revoke_reason, to_jsonb(NEW), NEW.revoked_at);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION contractor_grant_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'contractor_grant_history is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
-- +goose StatementEnd

CREATE TRIGGER contractor_grants_guard BEFORE UPDATE OR DELETE ON contractor_grants
    FOR EACH ROW EXECUTE FUNCTION contractor_grants_guard();
CREATE TRIGGER contractor_grants_no_truncate BEFORE TRUNCATE ON contractor_grants
    FOR EACH STATEMENT EXECUTE FUNCTION contractor_grant_history_append_only();
CREATE TRIGGER contractor_grants_audit AFTER INSERT OR UPDATE ON contractor_grants
    FOR EACH ROW EXECUTE FUNCTION contractor_grants_audit();
CREATE TRIGGER contractor_grant_history_append_only BEFORE UPDATE OR DELETE ON contractor_grant_history
    FOR EACH ROW EXECUTE FUNCTION contractor_grant_history_append_only();
CREATE TRIGGER contractor_grant_history_no_truncate BEFORE TRUNCATE ON contractor_grant_history
    FOR EACH STATEMENT EXECUTE FUNCTION contractor_grant_history_append_only();

-- +goose Down
DROP TABLE contractor_grant_history;
DROP TABLE contractor_grants;
DROP FUNCTION contractor_grant_history_append_only();
DROP FUNCTION contractor_grants_audit();
DROP FUNCTION contractor_grants_guard();
