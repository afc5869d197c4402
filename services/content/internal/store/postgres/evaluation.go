package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// complaintsSQL counts complaint handling per department from the facts
// that happened before $2 and were recorded by $3, for a period starting
// at $1: first answers in the period (late when after the due time then,
// with the days since receipt), complaints held unanswered past their due
// time at $2 (the latest step says where and until when, the latest step
// other than an extension whether it is still open), extensions in the
// period.
const complaintsSQL = `WITH f AS MATERIALIZED (
	SELECT id, complaint_id, step, department_code, due_at, occurred_at FROM complaint_facts
	WHERE occurred_at < $2 AND recorded_at <= $3),
firsts AS (
	SELECT DISTINCT ON (complaint_id) complaint_id, department_code, due_at, occurred_at
	FROM f WHERE step = 'answered' ORDER BY complaint_id, occurred_at, id),
received AS (
	SELECT complaint_id, min(occurred_at) AS at FROM f WHERE step = 'received' GROUP BY complaint_id),
state AS (
	SELECT DISTINCT ON (complaint_id) complaint_id, department_code, due_at
	FROM f ORDER BY complaint_id, occurred_at DESC, id DESC),
status AS (
	SELECT DISTINCT ON (complaint_id) complaint_id, step
	FROM f WHERE step <> 'extended' ORDER BY complaint_id, occurred_at DESC, id DESC),
counted AS (
	SELECT a.department_code, 1 AS answered, (a.occurred_at > a.due_at)::int AS late,
		extract(epoch FROM a.occurred_at - r.at) / 86400 AS days, 0 AS overdue, 0 AS extensions
	FROM firsts a LEFT JOIN received r USING (complaint_id) WHERE a.occurred_at >= $1
	UNION ALL
	SELECT s.department_code, 0, 0, NULL, 1, 0 FROM state s JOIN status st USING (complaint_id)
	WHERE st.step NOT IN ('answered', 'closed', 'transferred_out') AND s.due_at < $2
	UNION ALL
	SELECT department_code, 0, 0, NULL, 0, 1 FROM f WHERE step = 'extended' AND occurred_at >= $1)
SELECT department_code, sum(answered)::int, coalesce(avg(days), 0)::float8, coalesce(sum(late), 0)::int,
	sum(overdue)::int, sum(extensions)::int
FROM counted WHERE department_code <> '' GROUP BY department_code`

// ComplaintsAt counts each department's complaint handling in [from, e.At)
// from the facts recorded by e.AsOf.
func (r *History) ComplaintsAt(ctx context.Context, from time.Time, e domain.Evaluation) (map[string]domain.ComplaintHandling, error) {
	rows, err := r.s.db.Query(ctx, complaintsSQL, from, e.At, e.AsOf)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out := map[string]domain.ComplaintHandling{}
	var code string
	var c domain.ComplaintHandling
	_, err = pgx.ForEachRow(rows, []any{&code, &c.Answered, &c.MeanDaysToAnswer, &c.AnsweredLate, &c.OpenOverdue, &c.Extensions}, func() error {
		out[code] = c
		return nil
	})
	return out, pg.MapError(err)
}

// ModerationAt counts each department's removals in [from, e.At) and how
// many of them were overturned on appeal before e.At, from the facts
// recorded by e.AsOf.
func (r *History) ModerationAt(ctx context.Context, from time.Time, e domain.Evaluation) (map[string]domain.ModerationReview, error) {
	rows, err := r.s.db.Query(ctx, `WITH m AS MATERIALIZED (
		SELECT decision_id, step, department_code, occurred_at FROM moderation_facts
		WHERE occurred_at < $2 AND recorded_at <= $3)
	SELECT department_code, count(*)::int, count(*) FILTER (WHERE EXISTS (
		SELECT 1 FROM m o WHERE o.step = 'overturned' AND o.decision_id = m.decision_id))::int
	FROM m WHERE step = 'removed' AND occurred_at >= $1 GROUP BY department_code`, from, e.At, e.AsOf)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out := map[string]domain.ModerationReview{}
	var code string
	var m domain.ModerationReview
	_, err = pgx.ForEachRow(rows, []any{&code, &m.Removals, &m.Overturned}, func() error {
		out[code] = m
		return nil
	})
	return out, pg.MapError(err)
}
