-- The department directory (A4.2): every item names one, shown with its
-- contact.
-- +goose Up
CREATE TABLE departments (
    code        text PRIMARY KEY,
    name_ko     text NOT NULL,
    name_en     text NOT NULL DEFAULT '',
    parent_code text REFERENCES departments (code),
    phone       text NOT NULL DEFAULT '',
    email       text NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE departments;
