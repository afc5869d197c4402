-- +goose Up
-- Signed checkpoints of the access log's hash chain (A10.1): the chain's
-- link at entry seq, signed with an Ed25519 key the database never holds and
-- published (seoul.privacy.accesslog.anchored, GET
-- /v1/privacy/access-log/anchors) outside it. Append-only like the log.
CREATE TABLE access_log_anchors (
    number        bigint PRIMARY KEY,
    seq           bigint NOT NULL,
    head_hash     bytea NOT NULL,
    anchored_at   timestamptz NOT NULL,
    previous_hash bytea NOT NULL,
    signature     bytea NOT NULL
);

CREATE TRIGGER access_log_anchors_append_only BEFORE UPDATE OR DELETE ON access_log_anchors
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_anchors_no_truncate BEFORE TRUNCATE ON access_log_anchors
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

-- +goose Down
DROP TABLE access_log_anchors;
