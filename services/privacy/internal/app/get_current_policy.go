package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// GetCurrentPolicy returns the version in force now (A10.3). Public.
func (a *App) GetCurrentPolicy(ctx context.Context) (domain.Policy, error) {
	return a.Policies.Current(ctx, a.now())
}
