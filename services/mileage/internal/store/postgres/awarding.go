package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// AwardContext locks the citizen's account (created on first use) and
// reads what deciding aw needs, all in one round trip: each statement after
// the lock sees what was committed before the lock was granted.
func (t *txStore) AwardContext(ctx context.Context, aw domain.Award) (domain.AwardContext, error) {
	var c domain.AwardContext
	b := &pgx.Batch{}
	code := t.queueLockAccount(b, aw.Subject, &c.Debt)
	// An award exists by id, or by its source (a restoration: by the award
	// it restores).
	b.Queue(`SELECT EXISTS (SELECT 1 FROM awards WHERE id = $1),
			CASE WHEN $6 = '' THEN EXISTS (SELECT 1 FROM awards WHERE action = $2 AND source_kind = $3
				AND source_ref = $4 AND subject_id = $5 AND restores IS NULL)
			ELSE EXISTS (SELECT 1 FROM awards WHERE restores = $6) END,
			EXISTS (SELECT 1 FROM removed_sources WHERE source_kind = $3 AND source_ref = $4)`,
		aw.ID, aw.Action, aw.SourceKind, aw.SourceRef, aw.Subject, aw.Restores).QueryRow(func(row pgx.Row) error {
		var byID, bySource bool
		err := row.Scan(&byID, &bySource, &c.SourceRemoved)
		c.Exists = byID || bySource
		return err
	})
	b.Queue(ruleAtSQL, aw.OccurredAt, aw.Action).QueryRow(func(row pgx.Row) error {
		r, err := nilIfNoRows(scanRuleRef(row))
		c.Rule = r
		return err
	})
	b.Queue(countAwardsSQL, countAwardsArgs(aw.Subject, aw.Action, aw.OccurredAt)...).QueryRow(func(row pgx.Row) error {
		return row.Scan(&c.Counts.Day, &c.Counts.Month, &c.Counts.Year)
	})
	b.Queue(validityAt, aw.OccurredAt).QueryRow(func(row pgx.Row) error {
		v, err := scanValidity(row)
		c.Validity = v
		return notFound(err, "VALIDITY_POLICY_NOT_FOUND")
	})
	if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
		return c, err
	}
	t.locked(code)
	return c, nil
}

// RecordAward writes an award decision and, for a credited award, its
// posting, lot, the debt left, the audit of a manual grant and the events
// recorded, in one round trip. The
// caller decided under the account lock that the award is new; an award
// that exists all the same is a Conflict, which rolls everything back.
func (t *txStore) RecordAward(ctx context.Context, r domain.AwardRecord) error {
	b := &pgx.Batch{}
	if r.Award.ID != "" { // else only the audit of a retried grant
		b.Queue(insertAwardSQL, awardArgs(r.Award)...).Exec(func(ct pgconn.CommandTag) error {
			if ct.RowsAffected() != 1 {
				return errs.Conflict("AWARD_EXISTS")
			}
			return nil
		})
	}
	if r.Posting != nil {
		if err := t.queuePost(b, *r.Posting); err != nil {
			return err
		}
	}
	if r.Debt != nil {
		b.Queue(setDebtSQL, domain.Citizen(r.Award.Subject).Code(), *r.Debt)
	}
	if r.Lot != nil {
		b.Queue(insertLotSQL, lotArgs(*r.Lot)...)
	}
	if r.Audit != nil {
		queueAudit(b, *r.Audit)
	}
	if err := t.s.events.Queue(ctx, b, r.Events...); err != nil {
		return err
	}
	return postingError(t.tx.SendBatch(ctx, b).Close())
}
