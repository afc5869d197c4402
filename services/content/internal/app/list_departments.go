package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListDepartments returns the public department directory.
func (a *App) ListDepartments(ctx context.Context) ([]domain.Department, error) {
	return a.departments.List(ctx)
}
