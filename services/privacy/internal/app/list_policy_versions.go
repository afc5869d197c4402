package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ListPolicyVersions returns every version, newest effective date first. Public.
func (a *App) ListPolicyVersions(ctx context.Context) ([]domain.Policy, error) {
	return a.Policies.List(ctx)
}
