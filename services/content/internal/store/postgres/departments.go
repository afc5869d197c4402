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

const departmentColumns = `code, name_ko, name_en, coalesce(parent_code, ''), phone, email`

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

// Put creates or replaces a department.
func (r *Departments) Put(ctx context.Context, d domain.Department) error {
	_, err := r.s.db.Exec(ctx, `INSERT INTO departments (code, name_ko, name_en, parent_code, phone, email)
		VALUES ($1, $2, $3, nullif($4, ''), $5, $6)
		ON CONFLICT (code) DO UPDATE SET name_ko = EXCLUDED.name_ko, name_en = EXCLUDED.name_en,
			parent_code = EXCLUDED.parent_code, phone = EXCLUDED.phone, email = EXCLUDED.email, updated_at = now()`,
		d.Code, d.NameKo, d.NameEn, d.ParentCode, d.Phone, d.Email)
	return pg.MapError(err)
}

func scanDepartment(row pgx.CollectableRow) (domain.Department, error) {
	var d domain.Department
	err := row.Scan(&d.Code, &d.NameKo, &d.NameEn, &d.ParentCode, &d.Phone, &d.Email)
	return d, err
}
