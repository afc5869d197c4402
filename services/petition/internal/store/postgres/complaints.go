package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// CreateComplaint numbers and stores a new complaint with its events.
func (s *Store) CreateComplaint(ctx context.Context, c *domain.Complaint) error {
	return s.inTx(ctx, func(tx pgx.Tx) error { return s.insertComplaint(ctx, tx, c) })
}

// FindComplaintByRequest finds the complaint a client request id created.
func (s *Store) FindComplaintByRequest(ctx context.Context, subject, requestID string) (*domain.Complaint, error) {
	return s.getWhere(ctx, `citizen_subject = $1 AND request_id = $2`, subject, requestID)
}

// GetComplaint loads a complaint with its extensions, answers and history.
func (s *Store) GetComplaint(ctx context.Context, id string) (*domain.Complaint, error) {
	return s.getWhere(ctx, `id = $1`, id)
}

// GetComplaintByReceipt loads a complaint by its receipt number.
func (s *Store) GetComplaintByReceipt(ctx context.Context, receipt string) (*domain.Complaint, error) {
	return s.getWhere(ctx, `receipt_number = $1`, receipt)
}

func (s *Store) getWhere(ctx context.Context, where string, args ...any) (*domain.Complaint, error) {
	var c *domain.Complaint
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if c, err = scanComplaint(tx.QueryRow(ctx, `SELECT `+complaintColumns+` FROM complaints WHERE `+where, args...)); err != nil {
			return err
		}
		return loadChildren(ctx, tx, c)
	})
	return c, err
}

// UpdateComplaint locks the complaint, applies fn and saves the result.
func (s *Store) UpdateComplaint(ctx context.Context, id string, fn func(c *domain.Complaint) error) (*domain.Complaint, error) {
	var c *domain.Complaint
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		c, err = scanComplaint(tx.QueryRow(ctx, `SELECT `+complaintColumns+` FROM complaints WHERE id = $1 FOR UPDATE`, id))
		if errs.Is(err, errs.KindNotFound) {
			return errs.NotFound("COMPLAINT_NOT_FOUND", "id", id)
		}
		if err != nil {
			return err
		}
		return s.applyAndSave(ctx, tx, c, fn)
	})
	return c, err
}

func (s *Store) applyAndSave(ctx context.Context, tx pgx.Tx, c *domain.Complaint, fn func(c *domain.Complaint) error) error {
	if err := loadChildren(ctx, tx, c); err != nil {
		return err
	}
	before := countsOf(c)
	if err := fn(c); err != nil {
		return err
	}
	if err := updateComplaint(ctx, tx, c); err != nil {
		return err
	}
	return s.saveChanges(ctx, tx, c, before)
}

func loadChildren(ctx context.Context, tx pgx.Tx, c *domain.Complaint) error {
	if err := loadExtensions(ctx, tx, c); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `SELECT number, body, refusal, refusal_reasons, remedies, department_code, answered_by,
		answered_at FROM complaint_answers WHERE complaint_id = $1 ORDER BY number`, c.ID)
	if err != nil {
		return err
	}
	c.Answers, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Answer, error) {
		var a domain.Answer
		err := r.Scan(&a.Number, &a.Body, &a.Refusal, &a.RefusalReasons, &a.Remedies, &a.Department, &a.AnsweredBy, &a.AnsweredAt)
		return a, err
	})
	if err != nil {
		return err
	}
	rows, err = tx.Query(ctx, `SELECT action, actor_subject, from_department, to_department, detail, at
		FROM complaint_history WHERE complaint_id = $1 ORDER BY id`, c.ID)
	if err != nil {
		return err
	}
	c.History, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.HistoryEntry, error) {
		var h domain.HistoryEntry
		err := r.Scan(&h.Action, &h.Actor, &h.FromDepartment, &h.ToDepartment, &h.Detail, &h.At)
		return h, err
	})
	return err
}

func loadExtensions(ctx context.Context, tx pgx.Tx, c *domain.Complaint) error {
	rows, err := tx.Query(ctx, `SELECT number, reason, period, previous_due_at, new_due_at, holiday_version,
		complainant_consent, extended_by, extended_at, provisional FROM complaint_extensions WHERE complaint_id = $1
		ORDER BY number`, c.ID)
	if err != nil {
		return err
	}
	c.Extensions, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Extension, error) {
		var e domain.Extension
		var period string
		err := r.Scan(&e.Number, &e.Reason, &period, &e.PreviousDueAt, &e.NewDue.At, &e.NewDue.HolidayVersion,
			&e.ComplainantConsent, &e.ExtendedBy, &e.ExtendedAt, &e.NewDue.Provisional)
		if err == nil {
			e.NewDue.Period, err = clock.ParsePeriod(period)
		}
		return e, err
	})
	return err
}

// CountOverdue counts open complaints whose due time has passed.
func (s *Store) CountOverdue(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT count(*) FROM complaints
		WHERE status IN ('received', 'assigned') AND due_at <= $1`, now).Scan(&n)
	return n, err
}

// ClaimDue applies fn to open complaints whose warning or due time passed
// unannounced, or that are owed the 30-day interim notice. FOR UPDATE SKIP
// LOCKED lets replicas share the work; the marks fn sets are committed with
// the events, so a complaint is announced once even when two replicas run
// at the same moment.
func (s *Store) ClaimDue(ctx context.Context, now, interimBefore time.Time, limit int, fn func(c *domain.Complaint) error) (int, error) {
	return s.claim(ctx, `(overdue_announced_at IS NULL AND due_at <= $1)
		   OR (due_soon_announced_at IS NULL AND warn_at <= $1 AND due_at > $1)
		   OR (interim_noticed_at IS NULL AND received_at <= $2)`, limit, fn, now, interimBefore)
}

// ClaimProvisional applies fn to open complaints whose due date is
// provisional and was computed with a table older than version.
func (s *Store) ClaimProvisional(ctx context.Context, version, limit int, fn func(c *domain.Complaint) error) (int, error) {
	return s.claim(ctx, `due_provisional AND holiday_version < $1`, limit, fn, version)
}

// claim locks up to limit open complaints matching where (its parameters
// from $1), skipping rows other replicas hold, and applies fn to each in
// one transaction.
func (s *Store) claim(ctx context.Context, where string, limit int, fn func(c *domain.Complaint) error, args ...any) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT `+complaintColumns+` FROM complaints
			WHERE status IN ('received', 'assigned') AND (%s)
			ORDER BY due_at LIMIT %d FOR UPDATE SKIP LOCKED`, where, limit), args...)
		if err != nil {
			return err
		}
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*domain.Complaint, error) { return scanComplaint(r) })
		if err != nil {
			return err
		}
		for _, c := range list {
			if err := s.applyAndSave(ctx, tx, c, fn); err != nil {
				return err
			}
		}
		n = len(list)
		return nil
	})
	return n, err
}
