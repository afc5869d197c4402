package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// lockYear locks the budget year's row and returns its programme budget
// and the sum of the year's event budgets except exclude. Every plan
// change of the year passes here first, so they are serialized (A7.2);
// under READ COMMITTED the sum, read after the lock is granted, sees every
// change committed by the previous holder.
func lockYear(ctx context.Context, tx pgx.Tx, year int, exclude string) (programme, others int64, err error) {
	err = tx.QueryRow(ctx, `SELECT programme_budget FROM budget_years WHERE year = $1 FOR UPDATE`, year).Scan(&programme)
	if errs.Is(pg.MapError(err), errs.KindNotFound) {
		return 0, 0, errs.FailedPrecondition("NO_PROGRAMME_BUDGET", "year", year)
	}
	if err != nil {
		return 0, 0, err
	}
	err = tx.QueryRow(ctx, `SELECT coalesce(sum(budget), 0) FROM participation_events
		WHERE budget_year = $1 AND id::text <> $2`, year, exclude).Scan(&others)
	return programme, others, err
}

// Update implements app.ProgrammeBudgets.
func (s *ProgrammeBudgets) Update(ctx context.Context, year int, fn func(pb *domain.ProgrammeBudget) error) (domain.ProgrammeBudget, error) {
	pb := domain.ProgrammeBudget{Year: year}
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO budget_years (year, programme_budget) VALUES ($1, 0)
			ON CONFLICT (year) DO NOTHING`, year); err != nil {
			return err
		}
		var err error
		if pb.Amount, pb.Allocated, err = lockYear(ctx, tx, year, ""); err != nil {
			return err
		}
		if err := fn(&pb); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE budget_years SET programme_budget = $2, updated_at = now() WHERE year = $1`, year, pb.Amount)
		return err
	})
	return pb, err
}

// Report implements app.ProgrammeBudgets: per participation event its budget,
// planned prizes, awarded prizes (drawn winners) and delivered prizes.
func (s *ProgrammeBudgets) Report(ctx context.Context, year int) (domain.BudgetReport, error) {
	r := domain.BudgetReport{Year: year}
	err := s.db.QueryRow(ctx, `SELECT programme_budget FROM budget_years WHERE year = $1`, year).Scan(&r.ProgrammeBudget)
	if err != nil {
		if errs.Is(pg.MapError(err), errs.KindNotFound) {
			return r, errs.NotFound("NO_PROGRAMME_BUDGET", "year", year)
		}
		return r, err
	}
	rows, err := s.db.Query(ctx, `
		SELECT e.id, e.title_ko, e.department_code, e.status, e.budget, e.prize_total,
		       coalesce(sum(w.unit_value), 0),
		       coalesce(sum(w.unit_value) FILTER (WHERE w.delivered_at IS NOT NULL), 0)
		FROM participation_events e LEFT JOIN winners w ON w.event_id = e.id
		WHERE e.budget_year = $1
		GROUP BY e.id ORDER BY e.created_at, e.id`, year)
	if err != nil {
		return r, err
	}
	r.Events, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.EventBudget, error) {
		var b domain.EventBudget
		var status string
		err := row.Scan(&b.EventID, &b.TitleKo, &b.DepartmentCode, &status, &b.Budget, &b.Planned, &b.Awarded, &b.Delivered)
		b.Status = domain.Status(status)
		return b, err
	})
	return r, err
}
