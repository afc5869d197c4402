-- +goose Up
-- personal_texts holds the originals of free texts in which another
-- service found personal data (a complaint's body and the address of the
-- matter): one value per subject and document, AES-256-GCM under the
-- subject's data key like personal_fields, so erasing the subject shreds
-- them too (A10.4). case_reference binds a text to its case: anyone but the
-- subject reveals it only under that case.
CREATE TABLE personal_texts (
    token          text PRIMARY KEY,
    subject_id     text NOT NULL REFERENCES subjects (subject_id),
    document       text NOT NULL,
    case_reference text NOT NULL DEFAULT '',
    ciphertext     bytea NOT NULL,
    purpose        text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subject_id, document)
);

-- +goose Down
DROP TABLE personal_texts;
