-- +goose Up
-- A complaint whose period runs past the holiday table is never refused
-- (A6.2): its due date is computed from weekends alone beyond the table,
-- marked provisional, and computed again from due_from (when its current
-- period started counting) once the table is amended. Complaints stored
-- before this migration were computed inside the table, so they are not
-- provisional and need no due_from.
ALTER TABLE complaints ADD COLUMN due_provisional boolean NOT NULL DEFAULT false;
ALTER TABLE complaints ADD COLUMN due_from timestamptz;
ALTER TABLE complaints ADD CONSTRAINT complaints_provisional_has_from CHECK (NOT due_provisional OR due_from IS NOT NULL);
CREATE INDEX complaints_provisional ON complaints (holiday_version)
    WHERE due_provisional AND status IN ('received', 'assigned');
ALTER TABLE complaint_extensions ADD COLUMN provisional boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE complaint_extensions DROP COLUMN provisional;
DROP INDEX complaints_provisional;
ALTER TABLE complaints DROP CONSTRAINT complaints_provisional_has_from;
ALTER TABLE complaints DROP COLUMN due_from, DROP COLUMN due_provisional;
