package app

import (
	"context"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ListRuleVersions pages through every rule version (of action, when
// given), newest first, with every validity version. Public.
func (a *App) ListRuleVersions(ctx context.Context, action string, pageSize int, pageToken string) ([]domain.Rule, []domain.Validity, string, error) {
	var v errs.Violations
	size, err := pagetoken.Size(pageSize, listDefault, listMax)
	v.Merge(err)
	v.Check(action != "" && !slices.Contains(domain.RuleActions, action), "action", "NOT_ONE_OF",
		"allowed", strings.Join(domain.RuleActions, ", "))
	if err := v.Err(); err != nil {
		return nil, nil, "", err
	}
	rules, next, err := a.rules.History(ctx, action, pagetoken.Page{Size: size, Token: pageToken})
	if err != nil {
		return nil, nil, "", err
	}
	vs, err := a.validities.History(ctx)
	return rules, vs, next, err
}
