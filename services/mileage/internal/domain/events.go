package domain

import "time"

// Event is a fact the service publishes (internal/events encodes each to
// its subject and events.proto message). Events carry ids, amounts and
// times, never personal data: the citizen is an opaque subject id.
type Event interface{ isEvent() }

// PointsChange is what every points event says: a ledger transaction (or,
// for an expiry notice, the lot) moving Points on a citizen's account.
type PointsChange struct {
	TransactionID string
	Subject       string
	Points        int64
	Reason        string
	At            time.Time
	// ExpiresAt is when the points concerned expire (zero: none).
	ExpiresAt time.Time
}

// PointsAwarded: an award credited points (seoul.mileage.points.awarded).
type PointsAwarded struct{ PointsChange }

// PointsClawedBack: a removed, withdrawn or corrected source took back a
// lot's remainder (seoul.mileage.points.clawed_back).
type PointsClawedBack struct{ PointsChange }

// PointsRedeemed: a partner confirmed a redemption (seoul.mileage.points.redeemed).
type PointsRedeemed struct{ PointsChange }

// PointsExpired: a lot's remainder expired (seoul.mileage.points.expired).
type PointsExpired struct{ PointsChange }

// PointsExpiring: a lot expires within the notice period
// (seoul.mileage.points.expiring), announced once per lot.
type PointsExpiring struct{ PointsChange }

// RedemptionChange is what every redemption event says: the redemption
// as the step left it.
type RedemptionChange struct {
	RedemptionID  string
	Subject       string
	Channel       string
	Status        RedemptionStatus
	At            time.Time
	HoldExpiresAt time.Time
}

// RedemptionOnHold: points are held while the partner confirms
// (seoul.mileage.redemption.held).
type RedemptionOnHold struct{ RedemptionChange }

// RedemptionSettled: the partner's answer (or the timeout) confirmed or
// voided a held redemption (seoul.mileage.redemption.settled).
type RedemptionSettled struct{ RedemptionChange }

func (PointsAwarded) isEvent()     {}
func (PointsClawedBack) isEvent()  {}
func (PointsRedeemed) isEvent()    {}
func (PointsExpired) isEvent()     {}
func (PointsExpiring) isEvent()    {}
func (RedemptionOnHold) isEvent()  {}
func (RedemptionSettled) isEvent() {}

// Change makes the points change a posting makes on subject's account.
func Change(p Posting, subject string, points int64, expires time.Time) PointsChange {
	return PointsChange{TransactionID: p.ID, Subject: subject, Points: points, Reason: p.Memo, At: p.PostedAt, ExpiresAt: expires}
}
