-- Complaints citizens send by e-mail from their city mail ID, filed by the
-- mail service on their behalf (A9.1).
-- +goose Up
ALTER TABLE complaints DROP CONSTRAINT complaints_origin_check;
ALTER TABLE complaints ADD CONSTRAINT complaints_origin_check
    CHECK (origin IN ('window', 'opinion', 'open311', 'email'));

-- +goose Down
ALTER TABLE complaints DROP CONSTRAINT complaints_origin_check;
ALTER TABLE complaints ADD CONSTRAINT complaints_origin_check
    CHECK (origin IN ('window', 'opinion', 'open311'));
