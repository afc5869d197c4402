package domain

import "time"

// Why an award was clawed back; only a removal's clawback is given back
// when an appeal restores the source (A8.1).
const (
	ClawbackRemoval    = "removal"
	ClawbackWithdrawal = "withdrawal"
	ClawbackCorrection = "correction"
)

// Restoration is the award that gives back, once, an award clawed back
// when its source was removed, now that an appeal restored the source
// (eventID: the restoration's event). It is worth the clawed-back award's
// points, which pay the debt that clawback left first; it is earned when
// the original was, so its lot expires when the original's would have; it
// has the original's source, so a later removal claws it back in turn.
func Restoration(old Award, eventID string, now time.Time) Award {
	return Award{ID: AwardID(ActionRestoration, old.ID, old.Subject), Subject: old.Subject,
		Action: ActionRestoration, SourceEventID: eventID, SourceKind: old.SourceKind, SourceRef: old.SourceRef,
		Restores: old.ID, Points: old.Points, Status: AwardCredited, OccurredAt: old.OccurredAt, CreatedAt: now}
}
