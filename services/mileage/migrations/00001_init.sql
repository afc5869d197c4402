-- +goose Up
-- The mileage ledger (A8). Double-entry: every ledger transaction moves
-- points between accounts and its entries sum to zero; entries are never
-- changed (corrections are reversing transactions). Citizens' points live
-- in lots with an expiry date, spent oldest expiry first.

-- The ordinance's point table, versioned (A8.1, A8.3).
CREATE TABLE earning_rules (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action         text        NOT NULL,
    version        int         NOT NULL CHECK (version > 0),
    points         bigint      NOT NULL CHECK (points >= 0),
    daily_cap      int         NOT NULL DEFAULT 0 CHECK (daily_cap >= 0),
    monthly_cap    int         NOT NULL DEFAULT 0 CHECK (monthly_cap >= 0),
    yearly_cap     int         NOT NULL DEFAULT 0 CHECK (yearly_cap >= 0),
    weight_percent int         NOT NULL DEFAULT 100 CHECK (weight_percent BETWEEN 1 AND 1000),
    effective_from timestamptz NOT NULL,
    effective_to   timestamptz CHECK (effective_to IS NULL OR effective_to > effective_from),
    description_ko text        NOT NULL,
    description_en text        NOT NULL DEFAULT '',
    reason         text        NOT NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (action, version)
);

-- Validity period of new lots, versioned (A8.2).
CREATE TABLE validity_policies (
    version            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    validity_days      int         NOT NULL CHECK (validity_days > 0),
    expiry_notice_days int         NOT NULL CHECK (expiry_notice_days >= 0),
    effective_from     timestamptz NOT NULL UNIQUE,
    reason             text        NOT NULL,
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- Ways to redeem (A8.1.1–A8.1.3).
CREATE TABLE catalog_items (
    id             text PRIMARY KEY,
    channel        text   NOT NULL CHECK (channel IN ('transit', 'library', 'public_service')),
    name_ko        text   NOT NULL,
    name_en        text   NOT NULL DEFAULT '',
    min_points     bigint NOT NULL CHECK (min_points > 0),
    max_points     bigint NOT NULL,
    step_points    bigint NOT NULL CHECK (step_points > 0),
    required_field text   NOT NULL DEFAULT '' CHECK (required_field IN ('', 'transit_card_number', 'account_number')),
    active         boolean NOT NULL DEFAULT true,
    ordinance_ref  text   NOT NULL DEFAULT '',
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (max_points >= min_points)
);

-- Accounts: one per citizen (its row is the lock that serializes the
-- citizen's postings) and system accounts per budget year. Only citizens'
-- balances are kept as a running total; system balances are summed from
-- entries, because a running total there would be one hot row every
-- posting of the city waits on.
CREATE TABLE accounts (
    code        text PRIMARY KEY,
    kind        text   NOT NULL CHECK (kind IN ('citizen', 'issuance', 'holds', 'redemption', 'breakage', 'clawback')),
    subject_id  text,
    budget_year int,
    channel     text,
    balance     bigint CHECK (balance >= 0),
    debt        bigint NOT NULL DEFAULT 0 CHECK (debt >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'citizen') = (subject_id IS NOT NULL)),
    CHECK ((kind = 'citizen') = (balance IS NOT NULL)),
    CHECK ((kind = 'citizen') = (budget_year IS NULL))
);

CREATE TABLE ledger_transactions (
    id        uuid PRIMARY KEY,
    kind      text        NOT NULL CHECK (kind IN ('award', 'grant', 'hold', 'redemption', 'void', 'expiry', 'clawback')),
    reference text        NOT NULL,
    memo      text        NOT NULL DEFAULT '',
    posted_at timestamptz NOT NULL
);
CREATE INDEX ledger_transactions_reference ON ledger_transactions (reference);

CREATE TABLE ledger_entries (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id uuid   NOT NULL REFERENCES ledger_transactions (id),
    account        text   NOT NULL REFERENCES accounts (code),
    amount         bigint NOT NULL CHECK (amount <> 0),
    UNIQUE (transaction_id, account)
);
CREATE INDEX ledger_entries_account ON ledger_entries (account, id DESC);

-- Entries and transactions are immutable: corrections are new, reversing
-- transactions.
-- +goose StatementBegin
CREATE FUNCTION ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger % rows are immutable; post a reversing transaction', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_immutable();

-- Every transaction balances: checked at commit (deferred), once all its
-- entries are in, whatever code path wrote them.
-- +goose StatementBegin
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    txid  uuid;
    total numeric;
    n     int;
BEGIN
    -- Separate statements: each is planned only for the table it names.
    IF TG_TABLE_NAME = 'ledger_entries' THEN
        txid := NEW.transaction_id;
    ELSE
        txid := NEW.id;
    END IF;
    SELECT coalesce(sum(amount), 0), count(*) INTO total, n FROM ledger_entries WHERE transaction_id = txid;
    IF total <> 0 OR n < 2 THEN
        RAISE EXCEPTION 'ledger transaction % is unbalanced: % entries summing to %', txid, n, total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
-- Also per entry, so no entry can be added to a transaction committed earlier.
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- A citizen's running balance follows its entries (and its CHECK keeps it
-- from ever going negative).
-- +goose StatementBegin
CREATE FUNCTION ledger_citizen_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.account LIKE 'citizen:%' THEN
        UPDATE accounts SET balance = balance + NEW.amount WHERE code = NEW.account;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER ledger_entries_citizen_balance AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_citizen_balance();

-- Awards: one row per decision on an earning. The id derives from action,
-- source event and subject; the unique source key is a second guard.
CREATE TABLE awards (
    id              text PRIMARY KEY,
    subject_id      text        NOT NULL,
    action          text        NOT NULL,
    rule_id         bigint REFERENCES earning_rules (id),
    rule_version    int,
    source_event_id text        NOT NULL,
    source_kind     text        NOT NULL,
    source_ref      text        NOT NULL,
    points          bigint      NOT NULL CHECK (points >= 0),
    debt_offset     bigint      NOT NULL DEFAULT 0 CHECK (debt_offset >= 0 AND debt_offset <= points),
    status          text        NOT NULL CHECK (status IN ('credited', 'capped', 'source_removed', 'no_rule')),
    transaction_id  uuid REFERENCES ledger_transactions (id) DEFERRABLE INITIALLY DEFERRED,
    occurred_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    clawed_back_at  timestamptz,
    UNIQUE (action, source_kind, source_ref, subject_id)
);
CREATE INDEX awards_source ON awards (source_kind, source_ref);
CREATE INDEX awards_caps ON awards (subject_id, action, occurred_at) WHERE status = 'credited';

-- Sources removed under A5, so a late award event earns nothing.
CREATE TABLE removed_sources (
    source_kind text        NOT NULL,
    source_ref  text        NOT NULL,
    ground      text        NOT NULL DEFAULT '',
    removed_at  timestamptz NOT NULL,
    PRIMARY KEY (source_kind, source_ref)
);

-- Lots: the remainder of each credited award (id = award id), A8.2.
CREATE TABLE lots (
    id                  text PRIMARY KEY REFERENCES awards (id),
    subject_id          text        NOT NULL,
    action              text        NOT NULL,
    points              bigint      NOT NULL CHECK (points > 0),
    remaining           bigint      NOT NULL CHECK (remaining >= 0),
    expired             bigint      NOT NULL DEFAULT 0 CHECK (expired >= 0),
    clawed_back         bigint      NOT NULL DEFAULT 0 CHECK (clawed_back >= 0),
    revoked             boolean     NOT NULL DEFAULT false,
    budget_year         int         NOT NULL,
    earned_at           timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    expiry_announced_at timestamptz,
    CHECK (remaining + expired + clawed_back <= points)
);
CREATE INDEX lots_fifo ON lots (subject_id, expires_at, earned_at, id) WHERE remaining > 0;
CREATE INDEX lots_expiry ON lots (expires_at) WHERE remaining > 0;

-- Two-phase redemptions; the card/account number is a privacy token.
CREATE TABLE redemptions (
    id                uuid PRIMARY KEY,
    subject_id        text        NOT NULL,
    idempotency_key   text        NOT NULL,
    request_hash      text        NOT NULL,
    item_id           text        NOT NULL REFERENCES catalog_items (id),
    channel           text        NOT NULL,
    points            bigint      NOT NULL CHECK (points > 0),
    account_token     text        NOT NULL DEFAULT '',
    masked_account    text        NOT NULL DEFAULT '',
    status            text        NOT NULL CHECK (status IN ('held', 'confirmed', 'voided')),
    partner_reference text        NOT NULL DEFAULT '',
    failure_reason    text        NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL,
    hold_expires_at   timestamptz NOT NULL,
    completed_at      timestamptz,
    UNIQUE (subject_id, idempotency_key)
);
CREATE INDEX redemptions_open_holds ON redemptions (hold_expires_at) WHERE status = 'held';

CREATE TABLE hold_allocations (
    redemption_id uuid   NOT NULL REFERENCES redemptions (id),
    lot_id        text   NOT NULL REFERENCES lots (id),
    budget_year   int    NOT NULL,
    points        bigint NOT NULL CHECK (points > 0),
    PRIMARY KEY (redemption_id, lot_id)
);

-- Officials' manual grants and corrections (audit).
CREATE TABLE manual_adjustments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('grant', 'reversal')),
    award_id    text        NOT NULL REFERENCES awards (id),
    subject_id  text        NOT NULL,
    points      bigint      NOT NULL,
    reason      text        NOT NULL,
    actor       text        NOT NULL,
    actor_roles text        NOT NULL,
    department  text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    UNIQUE (kind, award_id)
);

-- The point table in force when the ordinance took effect, and the
-- default validity: five years, announced 30 days ahead.
INSERT INTO earning_rules (action, version, points, daily_cap, monthly_cap, yearly_cap, weight_percent,
                           effective_from, description_ko, description_en, reason, created_by) VALUES
    ('post_created', 1, 100, 3, 30, 0, 100, '2020-01-01T00:00:00+09:00', '게시판 글 작성', 'Writing a board post', '조례 별표 최초 제정', 'system'),
    ('comment_created', 1, 20, 10, 100, 0, 100, '2020-01-01T00:00:00+09:00', '댓글 작성', 'Writing a comment', '조례 별표 최초 제정', 'system'),
    ('feedback_given', 1, 10, 5, 50, 0, 100, '2020-01-01T00:00:00+09:00', '콘텐츠 만족도 평가', 'Rating a page', '조례 별표 최초 제정', 'system'),
    ('complaint_answered', 1, 50, 1, 5, 30, 100, '2020-01-01T00:00:00+09:00', '민원 처리 완료(시정 참여)', 'A complaint answered (participation in city administration)', '조례 별표 최초 제정', 'system'),
    ('event_entry', 1, 30, 3, 20, 0, 100, '2020-01-01T00:00:00+09:00', '참여 이벤트 응모', 'Entering a participation event', '조례 별표 최초 제정', 'system'),
    ('event_prize', 1, 0, 0, 0, 0, 100, '2020-01-01T00:00:00+09:00', '참여 이벤트 경품(이벤트가 정한 포인트)', 'Event prize (points set by the event)', '조례 별표 최초 제정', 'system');

INSERT INTO validity_policies (validity_days, expiry_notice_days, effective_from, reason, created_by)
VALUES (1825, 30, '2020-01-01T00:00:00+09:00', '예산 범위 내 유효기간 5년', 'system');

INSERT INTO catalog_items (id, channel, name_ko, name_en, min_points, max_points, step_points, required_field, ordinance_ref) VALUES
    ('transit-topup', 'transit', '교통카드 충전 (버스·지하철)', 'Transit card top-up (bus, subway)', 1000, 50000, 1000, 'transit_card_number', 'A8.1.1'),
    ('library-gift-5000', 'library', '온라인 도서상품권 5,000원', 'Online library gift certificate KRW 5,000', 5000, 5000, 5000, 'account_number', 'A8.1.2'),
    ('library-gift-10000', 'library', '온라인 도서상품권 10,000원', 'Online library gift certificate KRW 10,000', 10000, 10000, 10000, 'account_number', 'A8.1.2'),
    ('public-bike-pass', 'public_service', '공공자전거 1일 이용권', 'Public bike day pass', 1000, 1000, 1000, 'account_number', 'A8.1.3');

-- +goose Down
DROP TABLE manual_adjustments, hold_allocations, redemptions, lots, removed_sources, awards;
DROP TABLE ledger_entries, ledger_transactions, accounts, catalog_items, validity_policies, earning_rules;
DROP FUNCTION ledger_citizen_balance, ledger_check_balanced, ledger_immutable;
