-- +goose Up
-- The interim notice 30 days after receipt (민원 처리에 관한 법률 시행령,
-- 처리진행상황 등의 통지) is a duty of its own: a progress notice the
-- complainant asked for earlier does not discharge it, so it gets its own
-- mark. progress_noticed_at stays the last notice of either kind.
ALTER TABLE complaints ADD COLUMN interim_noticed_at timestamptz;
UPDATE complaints c SET interim_noticed_at = h.at
  FROM complaint_history h
 WHERE h.complaint_id = c.id AND h.action = 'progress_notice' AND h.detail = '30 days since receipt';
DROP INDEX complaints_open_received;
CREATE INDEX complaints_open_received ON complaints (received_at)
    WHERE status IN ('received', 'assigned') AND interim_noticed_at IS NULL;

-- +goose Down
DROP INDEX complaints_open_received;
CREATE INDEX complaints_open_received ON complaints (received_at) WHERE status IN ('received', 'assigned');
ALTER TABLE complaints DROP COLUMN interim_noticed_at;
