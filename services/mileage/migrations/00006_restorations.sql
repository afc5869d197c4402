-- +goose Up
-- A8.1 (issue 15): points clawed back when a post or comment is removed come
-- back, exactly once, when an appeal restores it. The restoration is a new
-- award naming the clawed-back award it restores (restores, unique: once
-- per clawed-back award); it has the source of the award it restores, so a
-- later removal claws it back in turn, and a later restoration restores it.
-- Only a removal's clawback is restored: an official's correction or the
-- author's withdrawal is not undone by an appeal (clawback_cause).
ALTER TABLE awards ADD COLUMN clawback_cause text
    CHECK (clawback_cause IN ('removal', 'withdrawal', 'correction'));
UPDATE awards a SET clawback_cause = CASE
    WHEN EXISTS (SELECT 1 FROM manual_adjustments m WHERE m.kind = 'reversal' AND m.award_id = a.id) THEN 'correction'
    WHEN EXISTS (SELECT 1 FROM removed_sources r WHERE r.source_kind = a.source_kind AND r.source_ref = a.source_ref
                 AND r.ground = 'withdrawn') THEN 'withdrawal'
    ELSE 'removal' END
WHERE clawed_back_at IS NOT NULL;
ALTER TABLE awards ADD CONSTRAINT awards_clawback_cause CHECK ((clawed_back_at IS NULL) = (clawback_cause IS NULL));

ALTER TABLE awards ADD COLUMN restores text UNIQUE REFERENCES awards (id);
-- One award per source and citizen, restorations apart (each restores one
-- award, once).
ALTER TABLE awards DROP CONSTRAINT awards_action_source_kind_source_ref_subject_id_key;
CREATE UNIQUE INDEX awards_source_once ON awards (action, source_kind, source_ref, subject_id) WHERE restores IS NULL;

-- +goose Down
DROP INDEX awards_source_once;
ALTER TABLE awards ADD CONSTRAINT awards_action_source_kind_source_ref_subject_id_key
    UNIQUE (action, source_kind, source_ref, subject_id);
ALTER TABLE awards DROP COLUMN restores;
ALTER TABLE awards DROP CONSTRAINT awards_clawback_cause;
ALTER TABLE awards DROP COLUMN clawback_cause;
