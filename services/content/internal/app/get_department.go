package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// GetDepartment returns one department with its contact (A4.2).
func (a *App) GetDepartment(ctx context.Context, code string) (domain.Department, error) {
	var v errs.Violations
	domain.ValidateDepartmentCode(&v, "code", code)
	if err := v.Err(); err != nil {
		return domain.Department{}, err
	}
	return a.departments.Get(ctx, code)
}
