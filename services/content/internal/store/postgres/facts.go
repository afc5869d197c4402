package postgres

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Facts keeps what other services announced about departments' work, the
// department evaluation's read model (A4.3). Rows are append-only; a fact
// whose event id is already kept is not added again.
type Facts struct{ s *Store }

// AddComplaint keeps one step of a civil complaint.
func (r *Facts) AddComplaint(ctx context.Context, f domain.ComplaintFact) error {
	_, err := r.s.db.Exec(ctx, `INSERT INTO complaint_facts (event_id, complaint_id, step, department_code,
		due_at, occurred_at, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
		f.EventID, f.ComplaintID, f.Step, f.DepartmentCode, nullTime(f.DueAt), f.OccurredAt, f.RecordedAt)
	return pg.MapError(err)
}

// AddModeration keeps a removal or its reversal on appeal.
func (r *Facts) AddModeration(ctx context.Context, f domain.ModerationFact) error {
	_, err := r.s.db.Exec(ctx, `INSERT INTO moderation_facts (event_id, decision_id, step, department_code,
		occurred_at, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
		f.EventID, f.DecisionID, f.Step, f.DepartmentCode, f.OccurredAt, f.RecordedAt)
	return pg.MapError(err)
}
