-- A notice carries the department whose work it is about (department
-- reminders, and the notices of a complaint the department held when the
-- event happened), so officials see only their department's notices.
-- +goose Up
ALTER TABLE notices ADD COLUMN department_code text NOT NULL DEFAULT '';
-- Older notices: a department's reminders name it as the recipient or went
-- to its officials' IDs; older complaint notices to citizens stay visible
-- to admins only (their events' departments were not kept).
UPDATE notices SET department_code = substr(recipient, length('department:') + 1)
 WHERE recipient LIKE 'department:%';
UPDATE notices n SET department_code = a.department_code
  FROM accounts a
 WHERE n.recipient = 'account:' || a.id::text AND a.kind = 'official';
CREATE INDEX notices_department ON notices (department_code, id) WHERE department_code <> '';

-- +goose Down
DROP INDEX notices_department;
ALTER TABLE notices DROP COLUMN department_code;
