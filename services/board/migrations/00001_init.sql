-- +goose Up
-- Participation boards (A3.1.4).
CREATE TABLE boards (
    id                 uuid PRIMARY KEY,
    request_id         text        NOT NULL UNIQUE,
    name               text        NOT NULL,
    purpose            text        NOT NULL,
    department_code    text        NOT NULL,
    real_name_required boolean     NOT NULL,
    posting_policy     text        NOT NULL CHECK (posting_policy IN ('signed_in', 'citizens', 'department')),
    moderation_mode    text        NOT NULL CHECK (moderation_mode IN ('post', 'pre')),
    created_at         timestamptz NOT NULL
);

-- Statements of reasons (A5.0). moderator_subject serves the four-eyes
-- rule on appeals and is never published.
CREATE TABLE decisions (
    id                  uuid PRIMARY KEY,
    item_id             uuid        NOT NULL,
    item_kind           text        NOT NULL,
    board_id            uuid        NOT NULL REFERENCES boards (id),
    post_id             uuid        NOT NULL,
    outcome             text        NOT NULL CHECK (outcome IN ('keep', 'hide', 'remove', 'restore')),
    ground              text        NOT NULL DEFAULT '' CHECK (ground = '' OR ground ~ '^A5\.[1-9]$'),
    public_explanation  text        NOT NULL DEFAULT '',
    facts               text        NOT NULL DEFAULT '',
    automated_detection boolean     NOT NULL,
    automated_decision  boolean     NOT NULL,
    source              text        NOT NULL CHECK (source IN ('report', 'flag', 'own_initiative', 'appeal')),
    department_code     text        NOT NULL,
    moderator_subject   text        NOT NULL,
    hidden_until        timestamptz,
    signal_at           timestamptz,
    appeal_id           uuid,
    decided_at          timestamptz NOT NULL,
    CHECK (outcome <> 'remove' OR (ground <> '' AND public_explanation <> ''))
);
CREATE INDEX decisions_public ON decisions (board_id, id DESC) WHERE outcome IN ('hide', 'remove', 'restore');
CREATE INDEX decisions_time ON decisions (decided_at);

-- Posts and comments. A comment's post_id is its post; a post's is itself.
-- canonical is the duplicate-comparison form (A5.8) of the masked text.
CREATE TABLE items (
    id                   uuid PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('post', 'comment')),
    board_id             uuid        NOT NULL REFERENCES boards (id),
    post_id              uuid        NOT NULL REFERENCES items (id),
    author_subject       text        NOT NULL,
    author_display       text        NOT NULL,
    request_id           text        NOT NULL,
    title                text        NOT NULL DEFAULT '',
    body                 text        NOT NULL,
    canonical            text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('pending', 'visible', 'hidden', 'removed', 'withdrawn')),
    hidden_until         timestamptz,
    removal_decision_id  uuid REFERENCES decisions (id),
    published            boolean     NOT NULL,
    personal_data_masked boolean     NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    UNIQUE (author_subject, kind, request_id),
    CHECK ((status = 'removed') = (removal_decision_id IS NOT NULL))
);
CREATE INDEX items_board ON items (board_id, id DESC) WHERE kind = 'post';
CREATE INDEX items_post ON items (post_id, id) WHERE kind = 'comment';
CREATE INDEX items_author ON items (author_subject, created_at DESC);

-- Screening findings for moderators (never silent deletion).
CREATE TABLE flags (
    id         bigserial PRIMARY KEY,
    item_id    uuid             NOT NULL REFERENCES items (id),
    detector   text             NOT NULL,
    ground     text             NOT NULL DEFAULT '',
    score      double precision NOT NULL CHECK (score >= 0 AND score <= 1),
    evidence   text             NOT NULL,
    created_at timestamptz      NOT NULL
);
CREATE INDEX flags_item ON flags (item_id);
CREATE INDEX flags_time ON flags (created_at);

-- Citizens' reports; one per person and item.
CREATE TABLE reports (
    id               uuid PRIMARY KEY,
    item_id          uuid        NOT NULL REFERENCES items (id),
    reporter_subject text        NOT NULL,
    ground           text        NOT NULL CHECK (ground ~ '^A5\.[1-9]$'),
    text             text        NOT NULL,
    created_at       timestamptz NOT NULL,
    UNIQUE (item_id, reporter_subject)
);
CREATE INDEX reports_time ON reports (created_at);

-- The moderation queue: one case per item, open while it awaits a decision.
CREATE TABLE cases (
    item_id    uuid PRIMARY KEY REFERENCES items (id),
    open       boolean          NOT NULL,
    urgency    double precision NOT NULL,
    opened_at  timestamptz      NOT NULL,
    updated_at timestamptz      NOT NULL
);
CREATE INDEX cases_queue ON cases (urgency DESC, item_id) WHERE open;

-- Appeals against removals; one per removal.
CREATE TABLE appeals (
    id                uuid PRIMARY KEY,
    decision_id       uuid        NOT NULL UNIQUE REFERENCES decisions (id),
    item_id           uuid        NOT NULL REFERENCES items (id),
    item_kind         text        NOT NULL,
    appellant_subject text        NOT NULL,
    reason            text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'upheld', 'reversed')),
    resolution        text        NOT NULL DEFAULT '',
    resolver_subject  text        NOT NULL DEFAULT '',
    filed_at          timestamptz NOT NULL,
    resolved_at       timestamptz
);

-- Masked real names from the privacy service (A5.7): only the masked view,
-- dropped when the subject is erased.
CREATE TABLE author_names (
    subject_id  text PRIMARY KEY,
    masked_name text        NOT NULL,
    fetched_at  timestamptz NOT NULL
);

-- +goose Down
DROP TABLE author_names;
DROP TABLE appeals;
DROP TABLE cases;
DROP TABLE reports;
DROP TABLE flags;
DROP TABLE items;
DROP TABLE decisions;
DROP TABLE boards;
