// Package app holds the mileage service's use cases, one per file: awards
// from other services' events, clawbacks, manual grants and reversals,
// two-phase redemptions, the expiry and hold-timeout jobs, the point
// table, and statements. Authorization decisions are taken here.
package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// The repositories below are the service's database, one per aggregate.
// The store owns the transactions, lock modes and lock order: a unit of
// work on a citizen's account locks the account row first, then what it
// touches on it (award, redemption, lots), so no two use cases can take
// them in a different order. Each method is one transaction (over a
// consumer's inbox transaction, part of it); a closure gets the aggregate
// loaded and locked, and its changes and recorded events are written only
// when it returns nil.

// Accounts are the citizens' accounts with their lots.
type Accounts interface {
	// View reads a citizen's statement header and open lots.
	View(ctx context.Context, subject string, now time.Time) (domain.AccountView, error)
	// Spendable sums the citizen's unexpired lot remainders (no lock).
	Spendable(ctx context.Context, subject string, now time.Time) (int64, error)
	// History serves one page of the citizen's statement lines, newest
	// first, and the token of the next ("" after the last).
	History(ctx context.Context, subject string, page pagetoken.Page) ([]domain.HistoryLine, string, error)
	// Liability reports one budget year.
	Liability(ctx context.Context, year int) (domain.Liability, error)
	// ClaimExpired works through up to limit citizens with expired points
	// left, one transaction each: fn gets the wallet with its expired lots.
	// A citizen whose account another transaction holds is skipped. It
	// returns how many fn changed and how many citizens it saw.
	ClaimExpired(ctx context.Context, now time.Time, limit int, fn func(*domain.Wallet) error) (done, seen int, err error)
	// ClaimExpiring claims up to limit lots expiring in (now, until] not
	// announced yet, skipping lots another replica claimed, and marks them
	// announced with the event fn makes of each, in one transaction. It
	// returns how many it claimed.
	ClaimExpiring(ctx context.Context, now, until time.Time, limit int, fn func(domain.Lot) domain.Event) (int, error)
}

// Awards are the decisions on earnings, with the ledger changes they make.
type Awards interface {
	Get(ctx context.Context, id string) (domain.Award, error)
	Awarder
	// DecideAll is Decide for several awards in one unit of work: it locks
	// their citizens' accounts, reads every award's context as it is before
	// any of them is written, calls decide for each in order and writes
	// every record returned together. The caller accounts for the records
	// it decided earlier in the batch (domain.AwardContext.After).
	DecideAll(ctx context.Context, aws []domain.Award, decide func(i int, c domain.AwardContext) (*domain.AwardRecord, error)) error
	// Update locks the award's citizen account, the award and its lot (the
	// wallet's only lot, when the award made one) and stores what fn
	// changed: the award's clawback and the wallet.
	Update(ctx context.Context, id string, fn func(*domain.Award, *domain.Wallet) error) error
	// BySource lists the credited, not clawed back awards of a source.
	BySource(ctx context.Context, kind, ref string) ([]domain.Award, error)
	// Restorable lists a source's awards clawed back by its removal and
	// not given back yet.
	Restorable(ctx context.Context, kind, ref string) ([]domain.Award, error)
	// MarkSourceRemoved remembers a source's removal (once): later awards
	// of it earn nothing.
	MarkSourceRemoved(ctx context.Context, kind, ref, ground string, at time.Time) error
	// ForgetSourceRemoval drops a restored source's removal.
	ForgetSourceRemoval(ctx context.Context, kind, ref string) error
}

// Awarder is the award unit of work, also inside another one (a grant's
// approval). Decide locks aw's citizen account (created on first use),
// reads what deciding aw needs, and writes the record decide returns (nil:
// nothing) with its posting, lot, debt, audit and events, in one round trip
// each way. Conflict when the award exists after all.
type Awarder interface {
	Decide(ctx context.Context, aw domain.Award, decide func(domain.AwardContext) (*domain.AwardRecord, error)) error
}

// GrantRequests are manual grants waiting for a second official.
type GrantRequests interface {
	// Create records a pending grant, or returns the request the same
	// official made under the same request id.
	Create(ctx context.Context, r domain.GrantRequest) (domain.GrantRequest, error)
	// Update locks the request (NotFound when there is none) and stores
	// what fn changed; fn awards through awards in the same transaction
	// (the request is locked before the citizen's account).
	Update(ctx context.Context, id string, fn func(r *domain.GrantRequest, awards Awarder) error) (domain.GrantRequest, error)
}

// Redemptions are citizens' spendings of points.
type Redemptions interface {
	Get(ctx context.Context, id string) (domain.Redemption, error)
	ByKey(ctx context.Context, subject, key string) (*domain.Redemption, error)
	// List serves one page of the citizen's redemptions, newest first, and
	// the token of the next ("" after the last).
	List(ctx context.Context, subject string, page pagetoken.Page) ([]domain.Redemption, string, error)
	// Create locks r's citizen account and, unless the citizen already
	// has a redemption under r's idempotency key (returned, fn not run),
	// lets fn take r's points from the wallet's live lots (loaded and
	// locked, oldest expiry first) and stores r with the allocations fn
	// returns and the wallet.
	Create(ctx context.Context, r domain.Redemption, fn func(w *domain.Wallet) ([]domain.Allocation, error)) (prior *domain.Redemption, err error)
	// Update locks the redemption's citizen account, the redemption and
	// the lots it took from (loaded into the wallet) and stores what fn
	// changed: the redemption's outcome and the wallet.
	Update(ctx context.Context, id string, fn func(r *domain.Redemption, allocs []domain.Allocation, w *domain.Wallet) error) (domain.Redemption, error)
	// ExpiredHolds lists held redemptions past their hold expiry (read
	// only: the partner is asked outside any transaction, and Update
	// settles each once).
	ExpiredHolds(ctx context.Context, now time.Time, limit int) ([]domain.Redemption, error)
	// ForgetSubject blanks the personal fields of the subject's
	// redemptions (token, masked view, request fingerprint) under the
	// account lock, and returns how many changed.
	ForgetSubject(ctx context.Context, subject string) (int64, error)
}

// Rules are the versions of the point table.
type Rules interface {
	At(ctx context.Context, at time.Time) ([]domain.Rule, error)
	// History serves one page of the versions (of action, or of every
	// action when ""), newest first, and the token of the next.
	History(ctx context.Context, action string, page pagetoken.Page) ([]domain.Rule, string, error)
	// Publish locks the latest version of action (nil when none) and
	// stores the version fn makes of it, ending the latest one when the
	// new one starts.
	Publish(ctx context.Context, action string, fn func(latest *domain.Rule) (domain.Rule, error)) (domain.Rule, error)
}

// Validities are the versions of the validity period.
type Validities interface {
	At(ctx context.Context, at time.Time) (domain.Validity, error)
	History(ctx context.Context) ([]domain.Validity, error)
	// Publish locks the latest version and stores the one fn makes.
	Publish(ctx context.Context, fn func(latest domain.Validity) (domain.Validity, error)) (domain.Validity, error)
}

// Catalog is the redemption catalog.
type Catalog interface {
	List(ctx context.Context, activeOnly bool) ([]domain.CatalogItem, error)
	// Get returns one item; nil if unknown.
	Get(ctx context.Context, id string) (*domain.CatalogItem, error)
	// Put locks item id (nil when new) and stores the item fn makes.
	Put(ctx context.Context, id string, fn func(stored *domain.CatalogItem) (domain.CatalogItem, error)) (domain.CatalogItem, error)
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
