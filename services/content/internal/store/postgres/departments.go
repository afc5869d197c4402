package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Departments is the department directory.
type Departments struct{ s *Store }

const departmentColumns = `code, name_ko, name_en, coalesce(parent_code, ''), phone, email, revision`

// List returns every department by code.
func (r *Departments) List(ctx context.Context) ([]domain.Department, error) {
	rows, err := r.s.db.Query(ctx, `SELECT `+departmentColumns+` FROM departments ORDER BY code`)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanDepartment)
	return out, pg.MapError(err)
}

// Get returns one department or NotFound.
func (r *Departments) Get(ctx context.Context, code string) (domain.Department, error) {
	rows, err := r.s.db.Query(ctx, `SELECT `+departmentColumns+` FROM departments WHERE code = $1`, code)
	if err != nil {
		return domain.Department{}, pg.MapError(err)
	}
	d, err := pgx.CollectExactlyOneRow(rows, scanDepartment)
	if err != nil {
		if errs.Is(pg.MapError(err), errs.KindNotFound) {
			return d, errs.NotFound("DEPARTMENT_NOT_FOUND", "code", code)
		}
		return d, pg.MapError(err)
	}
	return d, nil
}

// Put creates or replaces a department after check has seen the stored
// entry (nil when there is none) under its row lock, and sets d.Revision.
func (r *Departments) Put(ctx context.Context, d *domain.Department, check func(stored *domain.Department) error) error {
	return pg.MapError(r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+departmentColumns+` FROM departments WHERE code = $1 FOR UPDATE`, d.Code)
		if err != nil {
			return err
		}
		stored, err := pgx.CollectRows(rows, scanDepartment)
		if err != nil {
			return err
		}
		var existing *domain.Department
		if len(stored) == 1 {
			existing = &stored[0]
		}
		if err := check(existing); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO departments (code, name_ko, name_en, parent_code, phone, email)
			VALUES ($1, $2, $3, nullif($4, ''), $5, $6)
			ON CONFLICT (code) DO UPDATE SET name_ko = EXCLUDED.name_ko, name_en = EXCLUDED.name_en,
				parent_code = EXCLUDED.parent_code, phone = EXCLUDED.phone, email = EXCLUDED.email, updated_at = now(),
				revision = departments.revision + 1
			RETURNING revision`,
			d.Code, d.NameKo, d.NameEn, d.ParentCode, d.Phone, d.Email).Scan(&d.Revision)
	}))
}

func scanDepartment(row pgx.CollectableRow) (domain.Department, error) {
	var d domain.Department
	err := row.Scan(&d.Code, &d.NameKo, &d.NameEn, &d.ParentCode, &d.Phone, &d.Email, &d.Revision)
	return d, err
}
