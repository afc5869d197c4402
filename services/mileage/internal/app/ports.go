// Package app holds the mileage service's use cases, one per file: awards
// from other services' events, clawbacks, manual grants and reversals,
// two-phase redemptions, the expiry and hold-timeout jobs, the point
// table, and statements. Authorization decisions are taken here.
package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Store is the service's database.
type Store interface {
	// InTx runs fn in one transaction; the store owns commit and rollback.
	InTx(ctx context.Context, fn func(Tx) error) error
	Reads
}

// Reads are queries outside a transaction.
type Reads interface {
	RulesAt(ctx context.Context, at time.Time) ([]domain.Rule, error)
	RuleHistory(ctx context.Context, action string, beforeID int64, limit int) ([]domain.Rule, error)
	ValidityHistory(ctx context.Context) ([]domain.Validity, error)
	ValidityAt(ctx context.Context, at time.Time) (domain.Validity, error)
	Catalog(ctx context.Context, activeOnly bool) ([]domain.CatalogItem, error)
	CatalogItem(ctx context.Context, id string) (*domain.CatalogItem, error)
	AccountView(ctx context.Context, subject string, now time.Time) (domain.AccountView, error)
	// Spendable sums the citizen's unexpired lot remainders (no lock).
	Spendable(ctx context.Context, subject string, now time.Time) (int64, error)
	History(ctx context.Context, subject string, beforeSeq int64, limit int) ([]domain.HistoryLine, error)
	Redemption(ctx context.Context, id string) (domain.Redemption, error)
	Redemptions(ctx context.Context, subject, beforeID string, limit int) ([]domain.Redemption, error)
	Award(ctx context.Context, id string) (domain.Award, error)
	RedemptionByKey(ctx context.Context, subject, key string) (*domain.Redemption, error)
	Liability(ctx context.Context, year int) (domain.Liability, error)
	ExpiredHolds(ctx context.Context, now time.Time, limit int) ([]string, error)
	SubjectsWithExpiredLots(ctx context.Context, now time.Time, limit int) ([]string, error)
	// RequestGrant records a pending grant, or returns the request the
	// same official made under the same request id.
	RequestGrant(ctx context.Context, r domain.GrantRequest) (domain.GrantRequest, error)
}

// Tx is the store bound to one transaction. Methods named Lock... take row
// locks; a citizen's account row is always locked before the citizen's
// lots, which keeps lock order (and so deadlock freedom) across use cases.
type Tx interface {
	// LockAccount creates the citizen's account if needed and locks it.
	LockAccount(ctx context.Context, subject string) (debt int64, err error)
	// TryLockAccount locks without waiting; false when another holds it.
	TryLockAccount(ctx context.Context, subject string) (bool, error)
	SetDebt(ctx context.Context, subject string, debt int64) error
	Post(ctx context.Context, p domain.Posting) error
	Announce(ctx context.Context, ev domain.PointsEvent) error

	// AwardContext locks the award's citizen account (as LockAccount) and
	// reads what deciding the award needs, in one round trip.
	AwardContext(ctx context.Context, aw domain.Award) (domain.AwardContext, error)
	// RecordAward writes a decision with what a credited award changes, in
	// one round trip; Conflict if the award exists after all.
	RecordAward(ctx context.Context, r domain.AwardRecord) error
	LockAward(ctx context.Context, id string) (domain.Award, error)
	AwardsBySource(ctx context.Context, kind, ref string) ([]domain.Award, error)
	// MarkAwardClawedBack records the clawback and its cause (domain.Clawback…).
	MarkAwardClawedBack(ctx context.Context, id string, at time.Time, cause string) error
	// RestorableAwards lists a source's awards clawed back by its removal
	// and not given back yet.
	RestorableAwards(ctx context.Context, kind, ref string) ([]domain.Award, error)
	ForgetSourceRemoval(ctx context.Context, kind, ref string) error
	MarkSourceRemoved(ctx context.Context, kind, ref, ground string, at time.Time) error
	InsertAudit(ctx context.Context, a Audit) error
	// LockGrantRequest locks a grant request; NotFound when there is none.
	LockGrantRequest(ctx context.Context, id string) (domain.GrantRequest, error)
	// ApproveGrantRequest stores the approval of a pending request.
	ApproveGrantRequest(ctx context.Context, r domain.GrantRequest) error

	LockLot(ctx context.Context, id string) (*domain.Lot, error)
	LockLiveLots(ctx context.Context, subject string) ([]domain.Lot, error)
	LockExpiredLots(ctx context.Context, subject string, now time.Time) ([]domain.Lot, error)
	ClaimLotsToAnnounce(ctx context.Context, now, until time.Time, limit int) ([]domain.Lot, error)
	UpdateLot(ctx context.Context, l domain.Lot) error
	MarkAnnounced(ctx context.Context, lotIDs []string, at time.Time) error

	InsertRedemption(ctx context.Context, r domain.Redemption, allocs []domain.Allocation) error
	RedemptionByKey(ctx context.Context, subject, key string) (*domain.Redemption, error)
	LockRedemption(ctx context.Context, id string) (*domain.Redemption, error)
	Allocations(ctx context.Context, redemptionID string) ([]domain.Allocation, error)
	FinishRedemption(ctx context.Context, r domain.Redemption) error
	// ForgetRedemptionData blanks the personal fields of the subject's
	// redemptions (token, masked view, request fingerprint) under the
	// account lock, and returns how many changed.
	ForgetRedemptionData(ctx context.Context, subject string) (int64, error)

	LockRules(ctx context.Context, action string) (*domain.Rule, error)
	InsertRule(ctx context.Context, r domain.Rule) (domain.Rule, error)
	EndRule(ctx context.Context, id int64, at time.Time) error
	LockValidity(ctx context.Context) (domain.Validity, error)
	InsertValidity(ctx context.Context, v domain.Validity) (domain.Validity, error)
	// LockCatalogItem locks an item for its replacement; nil if unknown.
	LockCatalogItem(ctx context.Context, id string) (*domain.CatalogItem, error)
	PutCatalogItem(ctx context.Context, it domain.CatalogItem) error
}

// Audit records a manual grant or reversal by an official.
type Audit struct {
	Kind       string // grant, reversal
	AwardID    string
	Subject    string
	Points     int64
	Reason     string
	Actor      string
	ActorRoles string
	Department string
	At         time.Time
}

// PersonalData is the privacy service: card and account numbers become
// tokens there and only the token (and a masked view) is kept here.
type PersonalData interface {
	Store(ctx context.Context, subject, field, value string) (token, masked string, err error)
}

// PartnerResult is a partner's answer about one redemption.
type PartnerResult struct {
	// Status: confirmed, declined or cancelled.
	Status    string
	Reference string
	Reason    string
}

// Partner statuses.
const (
	PartnerConfirmed = "confirmed"
	PartnerDeclined  = "declined"
	PartnerCancelled = "cancelled"
)

// PartnerRequest asks a partner to deliver a redemption.
type PartnerRequest struct {
	RedemptionID string
	Channel      string
	ItemID       string
	Points       int64
	// Account is the card or account number, in memory only for this call.
	Account string
}

// Partner delivers redemptions (transit top-up, library certificates,
// other public services). Confirm and Cancel are idempotent per
// redemption id; after Cancel, a late Confirm is refused, so the timeout
// job's Cancel decides the outcome of a hold whose confirm went missing.
type Partner interface {
	Confirm(ctx context.Context, req PartnerRequest) (PartnerResult, error)
	Cancel(ctx context.Context, redemptionID, channel string) (PartnerResult, error)
}
