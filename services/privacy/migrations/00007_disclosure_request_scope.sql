-- +goose Up
-- Request ids are scoped to their caller: a disclosure request's
-- request_id is unique per recorder, so another official using the same
-- id records their own request instead of receiving someone else's.
ALTER TABLE disclosures DROP CONSTRAINT disclosures_request_id_key;
ALTER TABLE disclosures ADD CONSTRAINT disclosures_recorder_request_key UNIQUE (recorded_by, request_id);

-- +goose Down
ALTER TABLE disclosures DROP CONSTRAINT disclosures_recorder_request_key;
ALTER TABLE disclosures ADD CONSTRAINT disclosures_request_id_key UNIQUE (request_id);
