package app

import (
	"context"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Earn decides and applies one earning inside tx, the consumer's inbox
// transaction, so the award happens exactly once with the event's
// processing. The award id derives from action, source event and subject
// and is unique, so even a replay past the inbox awards nothing twice.
// An event without a subject (anonymous feedback) earns nothing.
func (a *App) Earn(ctx context.Context, tx Tx, e domain.Earning) (domain.Award, error) {
	if strings.TrimSpace(e.Subject) == "" {
		return domain.Award{}, nil
	}
	if e.SourceEventID == "" || e.SourceRef == "" {
		return domain.Award{}, errs.Invalid("source", "REQUIRED")
	}
	if e.OccurredAt.IsZero() {
		e.OccurredAt = a.Now()
	}
	aw := domain.Award{ID: domain.AwardID(e.Action, e.SourceEventID, e.Subject), Subject: e.Subject,
		Action: e.Action, SourceEventID: e.SourceEventID, SourceKind: e.SourceKind, SourceRef: e.SourceRef,
		OccurredAt: e.OccurredAt, CreatedAt: a.Now()}
	c, err := tx.AwardContext(ctx, aw)
	if err != nil || c.Exists {
		return aw, err
	}
	return a.record(ctx, tx, domain.Decide(aw, c, e.EventPoints), c, e.Memo)
}

// record stores the decision and, for a credited award, posts it: the
// city's issuance account of the budget year pays, the citizen's
// outstanding debt is offset first, and the rest becomes a lot expiring
// under the validity period in force when it was earned (A8.2). The caller
// checked under the account lock that the award is new (c.Exists).
func (a *App) record(ctx context.Context, tx Tx, aw domain.Award, c domain.AwardContext, memo string) (domain.Award, error) {
	if aw.Status != domain.AwardCredited {
		return aw, tx.RecordAward(ctx, domain.AwardRecord{Award: aw})
	}
	offset, credited := domain.OffsetDebt(aw.Points, c.Debt)
	aw.DebtOffset, aw.TransactionID = offset, newID()
	year := domain.BudgetYear(aw.OccurredAt)
	p := domain.Posting{ID: aw.TransactionID, Kind: domain.TxAward, Reference: aw.ID, Memo: memoOr(memo, aw.Action), PostedAt: a.Now()}
	if aw.Action == domain.ActionManualGrant {
		p.Kind = domain.TxGrant
	}
	p.Add(domain.Issuance(year), -aw.Points)
	p.Add(domain.Citizen(aw.Subject), credited)
	p.Add(domain.Clawback(year), offset)
	rec := domain.AwardRecord{Award: aw, Posting: &p}
	if offset > 0 {
		left := c.Debt - offset
		rec.Debt = &left
	}
	expires := aw.OccurredAt
	if credited > 0 {
		lot := domain.Lot{ID: aw.ID, Subject: aw.Subject, Action: aw.Action, Points: credited, Remaining: credited,
			BudgetYear: year, EarnedAt: aw.OccurredAt, ExpiresAt: domain.ExpiryOf(aw.OccurredAt, c.Validity)}
		rec.Lot, expires = &lot, lot.ExpiresAt
	}
	ev := pointsAnnouncement("awarded", p, aw.Subject, credited, expires)
	rec.Event = &ev
	return aw, tx.RecordAward(ctx, rec)
}

func memoOr(memo, fallback string) string {
	if memo != "" {
		return memo
	}
	return fallback
}
