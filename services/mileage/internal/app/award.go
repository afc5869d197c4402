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
	debt, err := tx.LockAccount(ctx, e.Subject)
	if err != nil {
		return domain.Award{}, err
	}
	aw, err := a.decide(ctx, tx, e)
	if err != nil {
		return aw, err
	}
	return a.record(ctx, tx, aw, debt, e.Memo)
}

// decide applies the point table in force when the citizen acted: a
// removed source earns nothing, caps stop the award, the weight scales it.
func (a *App) decide(ctx context.Context, tx Tx, e domain.Earning) (domain.Award, error) {
	aw := domain.Award{ID: domain.AwardID(e.Action, e.SourceEventID, e.Subject), Subject: e.Subject,
		Action: e.Action, SourceEventID: e.SourceEventID, SourceKind: e.SourceKind, SourceRef: e.SourceRef,
		OccurredAt: e.OccurredAt, CreatedAt: a.Now(), Status: domain.AwardNoRule}
	removed, err := tx.SourceRemoved(ctx, e.SourceKind, e.SourceRef)
	if err != nil || removed {
		aw.Status = domain.AwardSourceRemoved
		return aw, err
	}
	rule, err := tx.RuleAt(ctx, e.Action, e.OccurredAt)
	if err != nil || rule == nil {
		return aw, err
	}
	aw.RuleID, aw.RuleVersion = rule.ID, rule.Version
	counts, err := tx.CountAwards(ctx, e.Subject, e.Action, e.OccurredAt)
	if err != nil {
		return aw, err
	}
	aw.Points = rule.Award(e.EventPoints)
	switch {
	case rule.Capped(counts):
		aw.Status, aw.Points = domain.AwardCapped, 0
	case aw.Points > 0:
		aw.Status = domain.AwardCredited
	}
	return aw, nil
}

// record stores the decision and, for a credited award, posts it: the
// city's issuance account of the budget year pays, the citizen's
// outstanding debt is offset first, and the rest becomes a lot expiring
// under the validity period in force when it was earned (A8.2).
// A duplicate award id means the award exists: nothing happens.
func (a *App) record(ctx context.Context, tx Tx, aw domain.Award, debt int64, memo string) (domain.Award, error) {
	if aw.Status != domain.AwardCredited {
		_, err := tx.InsertAward(ctx, aw)
		return aw, err
	}
	offset, credited := domain.OffsetDebt(aw.Points, debt)
	aw.DebtOffset, aw.TransactionID = offset, newID()
	inserted, err := tx.InsertAward(ctx, aw)
	if err != nil || !inserted {
		return aw, err
	}
	validity, err := tx.ValidityAt(ctx, aw.OccurredAt)
	if err != nil {
		return aw, err
	}
	year := domain.BudgetYear(aw.OccurredAt)
	p := domain.Posting{ID: aw.TransactionID, Kind: domain.TxAward, Reference: aw.ID, Memo: memoOr(memo, aw.Action), PostedAt: a.Now()}
	if aw.Action == domain.ActionManualGrant {
		p.Kind = domain.TxGrant
	}
	p.Add(domain.Issuance(year), -aw.Points)
	p.Add(domain.Citizen(aw.Subject), credited)
	p.Add(domain.Clawback(year), offset)
	if err := tx.Post(ctx, p); err != nil {
		return aw, err
	}
	if offset > 0 {
		if err := tx.SetDebt(ctx, aw.Subject, debt-offset); err != nil {
			return aw, err
		}
	}
	if credited == 0 {
		return aw, tx.Announce(ctx, pointsAnnouncement("awarded", p, aw.Subject, 0, aw.OccurredAt))
	}
	lot := domain.Lot{ID: aw.ID, Subject: aw.Subject, Action: aw.Action, Points: credited, Remaining: credited,
		BudgetYear: year, EarnedAt: aw.OccurredAt, ExpiresAt: domain.ExpiryOf(aw.OccurredAt, validity)}
	if err := tx.InsertLot(ctx, lot); err != nil {
		return aw, err
	}
	return aw, tx.Announce(ctx, pointsAnnouncement("awarded", p, aw.Subject, credited, lot.ExpiresAt))
}

func memoOr(memo, fallback string) string {
	if memo != "" {
		return memo
	}
	return fallback
}
