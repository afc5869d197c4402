-- +goose Up
-- Consent to a further extension is the complainant's (민원 처리에 관한 법률
-- 시행령 제21조①): they grant or refuse it themselves (ConsentToExtension),
-- and the office's second extension takes it from here, no longer from a flag
-- an official sets. A third extension is never allowed.
ALTER TABLE complaints ADD COLUMN extension_consent text NOT NULL DEFAULT ''
    CHECK (extension_consent IN ('', 'granted', 'refused'));
ALTER TABLE complaints ADD COLUMN extension_consent_at timestamptz;
ALTER TABLE complaint_extensions ADD CONSTRAINT complaint_extensions_at_most_two CHECK (number <= 2) NOT VALID;

-- +goose Down
ALTER TABLE complaint_extensions DROP CONSTRAINT complaint_extensions_at_most_two;
ALTER TABLE complaints DROP COLUMN extension_consent_at, DROP COLUMN extension_consent;
