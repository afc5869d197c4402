-- The screening word lists (A5.5, A5.6), kept by moderators at runtime:
-- screening_words holds every word ever listed (removed_version set once
-- taken off); screening_word_changes is the audit trail, append-only, whose
-- version numbers the lists' versions. The service seeds both from its
-- initial list (words.txt) at its first start.
-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;
-- +goose StatementEnd

CREATE TABLE screening_words (
    id              uuid PRIMARY KEY,
    list            text        NOT NULL CHECK (list IN ('profanity', 'advertising', 'allow')),
    word            text        NOT NULL,
    severity        float8      NOT NULL CHECK (severity >= 0 AND severity <= 1),
    ground          text        NOT NULL,
    word_start      boolean     NOT NULL,
    version         bigint      NOT NULL,
    removed_version bigint,
    created_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX screening_words_active ON screening_words (list, word, word_start) WHERE removed_version IS NULL;

CREATE TABLE screening_word_changes (
    version           bigint PRIMARY KEY,
    word_id           uuid        NOT NULL REFERENCES screening_words (id),
    action            text        NOT NULL CHECK (action IN ('added', 'removed')),
    moderator_subject text        NOT NULL,
    reason            text        NOT NULL,
    changed_at        timestamptz NOT NULL
);
CREATE TRIGGER screening_word_changes_append_only BEFORE UPDATE OR DELETE ON screening_word_changes
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- +goose Down
DROP TABLE screening_word_changes;
DROP TABLE screening_words;
DROP FUNCTION forbid_change();
