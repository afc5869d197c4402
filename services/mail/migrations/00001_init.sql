-- The mail service (A9): terms of the service, e-mail IDs, notices and
-- preferences. No addresses of people are stored here: a citizen's contact
-- address is revealed from the privacy vault at send time; accounts keep
-- only the ID's own address under the city's domain.
-- +goose Up
CREATE TABLE terms (
    version        text PRIMARY KEY,
    title_ko       text NOT NULL,
    title_en       text NOT NULL,
    clauses        jsonb NOT NULL,
    effective_from timestamptz NOT NULL,
    published_at   timestamptz NOT NULL
);
CREATE INDEX terms_effective ON terms (effective_from DESC);

CREATE TABLE accounts (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('official', 'citizen')),
    local_part      text NOT NULL,
    domain          text NOT NULL,
    subject_id      text NOT NULL,
    department_code text NOT NULL DEFAULT '',
    display_name    text NOT NULL DEFAULT '',
    state           text NOT NULL CHECK (state IN ('active', 'suspended', 'closed')),
    accepted_terms  text NOT NULL REFERENCES terms (version),
    suspension      jsonb,
    created_by      text NOT NULL,
    request_id      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- A closed ID's name is never given again: mail meant for its holder
    -- must not reach someone else.
    UNIQUE (domain, local_part),
    UNIQUE (created_by, request_id),
    CHECK (kind = 'citizen' OR department_code <> '')
);
-- One live ID per citizen (A9.2).
CREATE UNIQUE INDEX accounts_one_per_citizen ON accounts (subject_id) WHERE kind = 'citizen' AND state <> 'closed';
CREATE INDEX accounts_department ON accounts (department_code) WHERE kind = 'official' AND state = 'active';
CREATE INDEX accounts_subject ON accounts (subject_id);

CREATE TABLE notices (
    id                uuid PRIMARY KEY,
    source_event_id   text NOT NULL,
    source_subject    text NOT NULL,
    source_id         text NOT NULL DEFAULT '',
    template          text NOT NULL,
    recipient         text NOT NULL,
    recipient_subject text NOT NULL DEFAULT '',
    params            jsonb NOT NULL,
    status            text NOT NULL CHECK (status IN ('pending', 'accepted', 'failed', 'suppressed')),
    attempts          int NOT NULL DEFAULT 0,
    last_error        text NOT NULL DEFAULT '',
    failure           text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL,
    next_attempt_at   timestamptz NOT NULL,
    accepted_at       timestamptz,
    -- One message per (event, template, recipient), whatever is redelivered.
    UNIQUE (source_event_id, template, recipient)
);
CREATE INDEX notices_due ON notices (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notices_recipient ON notices (recipient_subject, id);
CREATE INDEX notices_source ON notices (source_id, id);

CREATE TABLE preferences (
    subject_id text NOT NULL,
    category   text NOT NULL,
    enabled    boolean NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (subject_id, category)
);

INSERT INTO terms (version, title_ko, title_en, clauses, effective_from, published_at) VALUES (
  '1.0', '서울특별시 홈페이지 전자우편 서비스 이용약관', 'Terms of the City of Seoul homepage e-mail service',
  '[
    {"Number":"1","TextKo":"이 약관은 「서울특별시 인터넷 홈페이지 운영 활성화에 관한 조례」 제9조에 따라 시가 제공하는 전자우편 서비스의 이용에 필요한 사항을 정합니다.","TextEn":"These terms set out what is needed to use the e-mail service the City provides under Article 9 of the homepage ordinance."},
    {"Number":"2","TextKo":"시는 소속 공무원과 본인 확인을 마친 시민에게 1인 1개의 전자우편 아이디를 제공할 수 있습니다.","TextEn":"The City may give one e-mail ID to each of its officials and to each citizen whose identity is verified."},
    {"Number":"3","TextKo":"이용자는 이 약관의 최신판에 동의한 후 서비스를 이용할 수 있으며, 약관을 준수하는 한 서비스를 이용할 권리를 가집니다.","TextEn":"Users may use the service after accepting the latest version of these terms and have the right to use it as long as they follow them."},
    {"Number":"4","TextKo":"이용자는 다음 행위를 하여서는 안 됩니다.","TextEn":"Users must not:"},
    {"Number":"4.1","TextKo":"광고성 정보 또는 대량의 전자우편을 전송하는 행위","TextEn":"send advertising or bulk e-mail;"},
    {"Number":"4.2","TextKo":"타인을 사칭하거나 타인의 개인정보를 무단으로 수집·전송하는 행위","TextEn":"impersonate others or collect or send others'' personal data without authority;"},
    {"Number":"4.3","TextKo":"악성 프로그램을 유포하거나 서비스 운영을 방해하는 행위","TextEn":"spread malware or disrupt the service."},
    {"Number":"5","TextKo":"시는 제4조를 위반한 아이디의 이용을 정지할 수 있으며, 정지 통지에는 근거 조항을 적습니다. 이용자는 정지에 대하여 이의를 신청할 수 있습니다.","TextEn":"The City may suspend an ID that breaks clause 4, naming the clause in the notice; the holder may appeal."},
    {"Number":"6","TextKo":"민원 처리 상황, 처리기한 연장, 처리결과 등 법령에 따른 통지는 수신 거부할 수 없습니다. 그 밖의 안내는 언제든지 수신 거부할 수 있습니다.","TextEn":"Notices required by law (progress, extensions and results of complaints) cannot be turned off; all other notices can be, at any time."},
    {"Number":"7","TextKo":"시민은 언제든지 자신의 아이디를 해지할 수 있습니다. 해지된 아이디의 주소는 다른 사람에게 다시 제공하지 않습니다.","TextEn":"Citizens may close their ID at any time. A closed address is never given to anyone else."}
  ]'::jsonb, '2026-01-01T00:00:00+09:00', '2026-01-01T00:00:00+09:00');

-- +goose Down
DROP TABLE preferences;
DROP TABLE notices;
DROP TABLE accounts;
DROP TABLE terms;
