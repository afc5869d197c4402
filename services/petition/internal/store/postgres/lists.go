package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// where builds the filter's conditions with numbered arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "true"
	}
	return strings.Join(w.conds, " AND ")
}

func complaintFilter(f app.ComplaintFilter, cur *cursor) *where {
	w := &where{}
	if f.Citizen != "" {
		w.add("citizen_subject = ?", f.Citizen)
	}
	if f.Department != "" {
		w.add("department_code = ?", f.Department)
	}
	switch {
	case f.OpenOnly:
		w.add("status IN ('received', 'assigned')")
	case f.ClosedOnly:
		w.add("status NOT IN ('received', 'assigned')")
	}
	if f.AnsweredOnly {
		w.add("first_answered_at IS NOT NULL")
	}
	switch {
	case f.PublishedOnly && f.OrCitizen != "":
		w.add("(publish_consent OR citizen_subject = ?)", f.OrCitizen)
	case f.PublishedOnly:
		w.add("publish_consent")
	}
	if f.Type != "" {
		w.add("complaint_type = ?", f.Type)
	}
	if len(f.Receipts) > 0 {
		w.add("receipt_number = ANY(?)", f.Receipts)
	}
	if !f.From.IsZero() {
		w.add("received_at >= ?", f.From)
	}
	if !f.To.IsZero() {
		w.add("received_at < ?", f.To)
	}
	if !f.WarnedBy.IsZero() {
		w.add("(warn_at <= ? OR due_at <= ?)", f.WarnedBy, f.WarnedBy)
	}
	if cur != nil {
		w.add("(received_at, id::text) < (?, ?)", cur.At, cur.ID)
	}
	return w
}

// ListComplaints pages complaints newest first. Listed complaints carry
// their answers (for publication) but not the extension or history lines.
func (s *Store) ListComplaints(ctx context.Context, f app.ComplaintFilter) ([]*domain.Complaint, string, error) {
	query := complaintQuery(f)
	cur, err := decodeCursor(f.PageToken, query)
	if err != nil {
		return nil, "", err
	}
	w := complaintFilter(f, cur)
	size := f.PageSize // checked by the app (pagetoken.Size)
	var list []*domain.Complaint
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+complaintColumns+` FROM complaints WHERE `+w.sql()+
			fmt.Sprintf(` ORDER BY received_at DESC, id::text DESC LIMIT %d`, size+1), w.args...)
		if err != nil {
			return err
		}
		if list, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (*domain.Complaint, error) { return scanComplaint(r) }); err != nil {
			return err
		}
		for _, c := range list {
			if err := loadChildren(ctx, tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || len(list) <= size {
		return list, "", err
	}
	last := list[size-1]
	return list[:size], encodeCursor(query, last.ReceivedAt, last.ID), nil
}

// complaintQuery fingerprints a complaint list by its filters: the page
// itself and the internal warning time (a job's "now") are not filters a
// token belongs to.
func complaintQuery(f app.ComplaintFilter) string {
	f.PageSize, f.PageToken, f.WarnedBy = 0, "", time.Time{}
	return pagetoken.Fingerprint("complaints", f)
}

// DepartmentFigures aggregates complaints received in [from, to) per
// department (A4.3): the median wall-clock hours to the first answer, how
// many were extended, and how many were answered late or are open past due.
func (s *Store) DepartmentFigures(ctx context.Context, department string, from, to, now time.Time) ([]app.Figures, error) {
	rows, err := s.db.Query(ctx, `
		SELECT c.department_code, count(*)::int,
		       count(c.first_answered_at)::int,
		       coalesce(percentile_cont(0.5) WITHIN GROUP (
		           ORDER BY extract(epoch FROM c.first_answered_at - c.received_at) / 3600)
		           FILTER (WHERE c.first_answered_at IS NOT NULL), 0)::float8,
		       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM complaint_extensions e WHERE e.complaint_id = c.id))::int,
		       count(*) FILTER (WHERE c.answered_late OR (c.status IN ('received', 'assigned') AND c.due_at < $4))::int
		FROM complaints c
		WHERE c.received_at >= $1 AND c.received_at < $2 AND c.department_code <> ''
		  AND ($3 = '' OR c.department_code = $3)
		GROUP BY c.department_code ORDER BY c.department_code`, from, to, department, now)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (app.Figures, error) {
		var f app.Figures
		err := r.Scan(&f.Department, &f.Received, &f.Answered, &f.MedianHoursToAnswer, &f.Extended, &f.Overdue)
		return f, err
	})
}
