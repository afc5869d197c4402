package postgres

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// decideAll is the award unit of work inside t: awardContexts locks the
// accounts and reads in one round trip, recordAwards writes in another,
// however many awards there are.
func (t *txStore) decideAll(ctx context.Context, aws []domain.Award, decide func(int, domain.AwardContext) (*domain.AwardRecord, error)) error {
	cs, err := t.awardContexts(ctx, aws)
	if err != nil {
		return err
	}
	var recs []domain.AwardRecord
	for i, c := range cs {
		rec, err := decide(i, c)
		if err != nil {
			return err
		}
		if rec != nil {
			recs = append(recs, *rec)
		}
	}
	return t.recordAwards(ctx, recs)
}

// awardContexts locks the citizens' accounts of aws (created on first
// use, in code order so that two batches cannot deadlock) and reads what
// deciding each award needs, as it is before any of them is written, all
// in one round trip: each statement after the locks sees what was
// committed before they were granted.
func (t *txStore) awardContexts(ctx context.Context, aws []domain.Award) ([]domain.AwardContext, error) {
	cs := make([]domain.AwardContext, len(aws))
	subjects := make([]string, len(aws))
	for i, aw := range aws {
		subjects[i] = aw.Subject
	}
	b := &pgx.Batch{}
	debts := t.queueLockAccounts(b, subjects)
	ruleIDs := make([]*int64, len(aws))
	versions := make([]*int, len(aws))
	b.Queue(awardContextsSQL, awardContextsArgs(aws)...).Query(func(rows pgx.Rows) error {
		for i := 0; rows.Next(); i++ {
			c := &cs[i]
			if err := rows.Scan(&c.Exists, &c.SourceRemoved, &c.Counts.Day, &c.Counts.Month, &c.Counts.Year,
				&ruleIDs[i], &versions[i]); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	// The rule and validity versions in force were chosen above; these
	// small tables are read whole to fill them in.
	rules := map[int64]domain.Rule{}
	b.Queue(`SELECT ` + ruleColumns + ` FROM earning_rules`).Query(func(rows pgx.Rows) error {
		all, err := collectRules(rows, nil)
		for _, r := range all {
			rules[r.ID] = r
		}
		return err
	})
	validities := map[int]domain.Validity{}
	b.Queue(`SELECT ` + validityColumns + ` FROM validity_policies`).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			v, err := scanValidity(rows)
			if err != nil {
				return err
			}
			validities[v.Version] = v
		}
		return rows.Err()
	})
	if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, err
	}
	for i, aw := range aws {
		c := &cs[i]
		c.Debt = debts[domain.Citizen(aw.Subject).Code()]
		if versions[i] == nil {
			return nil, errs.NotFound("VALIDITY_POLICY_NOT_FOUND")
		}
		c.Validity = validities[*versions[i]]
		if ruleIDs[i] != nil {
			r := rules[*ruleIDs[i]]
			c.Rule = &r
		}
	}
	return cs, nil
}

// awardContextsSQL reads, for each award in order: whether it exists (by
// id, or by its source; a restoration by the award it restores), whether
// its source was removed, the citizen's credited awards of the action in
// the award's Seoul day, month and year (for the caps), and the ids of the
// rule and validity versions in force when the citizen acted.
var awardContextsSQL = `SELECT
		EXISTS (SELECT 1 FROM awards WHERE id = i.id) OR CASE WHEN i.restores = ''
			THEN EXISTS (SELECT 1 FROM awards WHERE action = i.action AND source_kind = i.kind
				AND source_ref = i.ref AND subject_id = i.subject AND restores IS NULL)
			ELSE EXISTS (SELECT 1 FROM awards WHERE restores = i.restores) END,
		EXISTS (SELECT 1 FROM removed_sources WHERE source_kind = i.kind AND source_ref = i.ref),
		c.day, c.month, c.year,
		(SELECT id FROM earning_rules WHERE ` + inForceAt("i.at") + ` AND action = i.action ORDER BY version DESC LIMIT 1),
		(SELECT version FROM validity_policies WHERE ` + validityFrom("i.at") + `)
	FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
		$8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[])
		WITH ORDINALITY AS i (id, subject, action, kind, ref, restores, at, day, day_end, month, month_end, year, year_end, n)
	CROSS JOIN LATERAL (SELECT
			count(*) FILTER (WHERE occurred_at >= i.day AND occurred_at < i.day_end) AS day,
			count(*) FILTER (WHERE occurred_at >= i.month AND occurred_at < i.month_end) AS month,
			count(*) AS year
		FROM awards WHERE subject_id = i.subject AND action = i.action AND status = 'credited'
			AND occurred_at >= i.year AND occurred_at < i.year_end) c
	ORDER BY i.n`

// awardContextsArgs are awardContextsSQL's arrays. Period ends are
// computed in Go, in Seoul time (SQL interval arithmetic would follow the
// session's time zone).
func awardContextsArgs(aws []domain.Award) []any {
	n := len(aws)
	ids, subjects, actions, kinds, refs, restores := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n)
	at, days, dayEnds, months, monthEnds, years, yearEnds := make([]time.Time, n), make([]time.Time, n),
		make([]time.Time, n), make([]time.Time, n), make([]time.Time, n), make([]time.Time, n), make([]time.Time, n)
	for i, aw := range aws {
		ids[i], subjects[i], actions[i], kinds[i], refs[i], restores[i] = aw.ID, aw.Subject, aw.Action, aw.SourceKind,
			aw.SourceRef, aw.Restores
		at[i] = aw.OccurredAt
		days[i], months[i], years[i], yearEnds[i] = domain.Periods(aw.OccurredAt)
		dayEnds[i], monthEnds[i] = days[i].AddDate(0, 0, 1), months[i].AddDate(0, 1, 0)
	}
	return []any{ids, subjects, actions, kinds, refs, restores, at, days, dayEnds, months, monthEnds, years, yearEnds}
}

// queueLockAccounts creates the citizens' accounts missing and locks their
// rows, in code order, for the rest of the transaction; the debts are set
// by code when the batch is read.
func (t *txStore) queueLockAccounts(b *pgx.Batch, subjects []string) map[string]int64 {
	bySubject := map[string]string{}
	for _, s := range subjects {
		bySubject[domain.Citizen(s).Code()] = s
	}
	codes := slices.Sorted(maps.Keys(bySubject))
	ordered := make([]string, len(codes))
	for i, code := range codes {
		ordered[i] = bySubject[code]
	}
	b.Queue(`INSERT INTO accounts (code, kind, subject_id, balance)
		SELECT code, 'citizen', subject, 0 FROM unnest($1::text[], $2::text[]) AS c (code, subject)
		ON CONFLICT (code) DO NOTHING`, codes, ordered)
	debts := make(map[string]int64, len(codes))
	b.Queue(`SELECT code, debt FROM accounts WHERE code = ANY($1) ORDER BY code FOR UPDATE`, codes).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var code string
			var debt int64
			if err := rows.Scan(&code, &debt); err != nil {
				return err
			}
			debts[code] = debt
		}
		return rows.Err()
	})
	return debts
}

// recordAwards writes award decisions and, for credited awards, their
// postings, lots, the debts left, the audits of manual grants and the
// events recorded, in one round trip and a statement per kind of row. The
// caller decided under the accounts' locks that the awards are new; one
// that exists all the same is a Conflict, which rolls everything back.
func (t *txStore) recordAwards(ctx context.Context, recs []domain.AwardRecord) error {
	if len(recs) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	var awards awardRows
	var postings []domain.Posting
	var lots lotRows
	var audits []domain.Adjustment
	var events []domain.Event
	debts := map[string]int64{} // the last debt of each citizen
	for _, r := range recs {
		if r.Award.ID != "" { // else only the audit of a retried grant
			awards.add(r.Award)
		}
		if r.Posting != nil {
			postings = append(postings, *r.Posting)
		}
		if r.Debt != nil {
			debts[domain.Citizen(r.Award.Subject).Code()] = *r.Debt
		}
		if r.Lot != nil {
			lots.add(*r.Lot)
		}
		if r.Audit != nil {
			audits = append(audits, *r.Audit)
		}
		events = append(events, r.Events...)
	}
	if n := len(awards.ids); n > 0 {
		b.Queue(insertAwardsSQL, awards.args()...).Exec(func(ct pgconn.CommandTag) error {
			if ct.RowsAffected() != int64(n) {
				return errs.Conflict("AWARD_EXISTS")
			}
			return nil
		})
	}
	if err := t.queuePost(b, postings...); err != nil {
		return err
	}
	if len(debts) > 0 {
		codes, amounts := make([]string, 0, len(debts)), make([]int64, 0, len(debts))
		for code, debt := range debts {
			codes, amounts = append(codes, code), append(amounts, debt)
		}
		b.Queue(`UPDATE accounts SET debt = d.debt FROM unnest($1::text[], $2::bigint[]) AS d (code, debt)
			WHERE accounts.code = d.code`, codes, amounts)
	}
	if len(lots.ids) > 0 {
		b.Queue(insertLotsSQL, lots.args()...)
	}
	for _, a := range audits { // after the awards they refer to
		queueAudit(b, a)
	}
	if err := t.s.events.Queue(ctx, b, events...); err != nil {
		return err
	}
	return postingError(t.tx.SendBatch(ctx, b).Close())
}
