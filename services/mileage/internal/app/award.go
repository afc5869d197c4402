package app

import (
	"context"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Earn decides and applies one earning (from another service's event,
// inside the consumer's inbox transaction, so the award happens exactly
// once with the event's processing). The award id derives from action,
// source event and subject and is unique, so even a replay past the inbox
// awards nothing twice. An event without a subject (anonymous feedback)
// earns nothing.
func (a *App) Earn(ctx context.Context, e domain.Earning) (domain.Award, error) {
	aw, err := a.earning(e)
	if err != nil || aw.ID == "" {
		return aw, err
	}
	err = a.awards.Decide(ctx, aw, func(c domain.AwardContext) (*domain.AwardRecord, error) {
		rec := a.decideEarning(aw, c, e)
		if rec != nil {
			aw = rec.Award
		}
		return rec, nil
	})
	return aw, err
}

// EarnAll is Earn for a batch of earnings, decided in order and written
// together (issue 17: a backlog of events at a fraction of the round
// trips). An earning decided earlier in the batch counts for a later one
// as it would have, had it been committed first. On a bad earning it
// returns its index.
func (a *App) EarnAll(ctx context.Context, es []domain.Earning) (bad int, err error) {
	var aws []domain.Award
	var from []domain.Earning
	for i, e := range es {
		aw, err := a.earning(e)
		if err != nil {
			return i, err
		}
		if aw.ID != "" {
			aws, from = append(aws, aw), append(from, e)
		}
	}
	if len(aws) == 0 {
		return -1, nil
	}
	earlier := map[string][]domain.AwardRecord{} // by citizen
	return -1, a.awards.DecideAll(ctx, aws, func(i int, c domain.AwardContext) (*domain.AwardRecord, error) {
		for _, r := range earlier[aws[i].Subject] {
			c = c.After(r, aws[i])
		}
		rec := a.decideEarning(aws[i], c, from[i])
		if rec != nil {
			earlier[aws[i].Subject] = append(earlier[aws[i].Subject], *rec)
		}
		return rec, nil
	})
}

// earning is the award e asks for, not decided yet; the zero award when e
// earns nothing (no subject).
func (a *App) earning(e domain.Earning) (domain.Award, error) {
	if strings.TrimSpace(e.Subject) == "" {
		return domain.Award{}, nil
	}
	if e.SourceEventID == "" || e.SourceRef == "" {
		return domain.Award{}, errs.Invalid("source", "REQUIRED")
	}
	if e.OccurredAt.IsZero() {
		e.OccurredAt = a.Now()
	}
	return domain.Award{ID: domain.AwardID(e.Action, e.SourceEventID, e.Subject), Subject: e.Subject,
		Action: e.Action, SourceEventID: e.SourceEventID, SourceKind: e.SourceKind, SourceRef: e.SourceRef,
		OccurredAt: e.OccurredAt, CreatedAt: a.Now()}, nil
}

// decideEarning is the record of aw's decision, nil when it was decided
// before.
func (a *App) decideEarning(aw domain.Award, c domain.AwardContext, e domain.Earning) *domain.AwardRecord {
	if c.Exists {
		return nil
	}
	rec := a.record(domain.Decide(aw, c, e.EventPoints), c, e.Memo)
	return &rec
}

// record is what an award decision writes and, for a credited award,
// posts: the city's issuance account of the budget year pays, the
// citizen's outstanding debt is offset first, and the rest becomes a lot
// expiring under the validity period in force when it was earned (A8.2).
// The caller checked under the account lock that the award is new
// (c.Exists).
func (a *App) record(aw domain.Award, c domain.AwardContext, memo string) domain.AwardRecord {
	if aw.Status != domain.AwardCredited {
		return domain.AwardRecord{Award: aw}
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
	rec.Events = []domain.Event{domain.PointsAwarded{PointsChange: domain.Change(p, aw.Subject, credited, expires)}}
	return rec
}

func memoOr(memo, fallback string) string {
	if memo != "" {
		return memo
	}
	return fallback
}
