package app

import (
	"context"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ListRuleVersions pages through every rule version, newest first, with every
// validity version. Public.
func (a *App) ListRuleVersions(ctx context.Context, action string, beforeID int64, limit int) ([]domain.Rule, []domain.Validity, error) {
	if action != "" && !slices.Contains(domain.RuleActions, action) {
		return nil, nil, errs.Invalid("action", "NOT_ONE_OF", "allowed", strings.Join(domain.RuleActions, ", "))
	}
	rules, err := a.rules.History(ctx, action, beforeID, limit)
	if err != nil {
		return nil, nil, err
	}
	vs, err := a.validities.History(ctx)
	return rules, vs, err
}
