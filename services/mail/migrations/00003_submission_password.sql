-- Citizens submit complaints by e-mail over SMTP (A9.1) with an app
-- password the service generated and showed once; only its Argon2id hash
-- is kept.
-- +goose Up
ALTER TABLE accounts ADD COLUMN submission_password_hash text NOT NULL DEFAULT '',
                     ADD COLUMN submission_password_at timestamptz,
                     ADD CONSTRAINT accounts_submission_citizens_only
                         CHECK (submission_password_hash = '' OR kind = 'citizen');

-- +goose Down
ALTER TABLE accounts DROP CONSTRAINT accounts_submission_citizens_only,
                     DROP COLUMN submission_password_at,
                     DROP COLUMN submission_password_hash;
