package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListFeedback returns the opinions on a department's items with totals,
// for its officials and admins (A3.3).
func (a *App) ListFeedback(ctx context.Context, f FeedbackFilter, p pagetoken.Page) ([]domain.Feedback, domain.FeedbackSummary, string, error) {
	var none domain.FeedbackSummary
	var v errs.Violations
	domain.ValidateDepartmentCode(&v, "department_code", f.Department)
	if err := v.Err(); err != nil {
		return nil, none, "", err
	}
	if f.ItemID != "" {
		if err := checkID(f.ItemID); err != nil {
			return nil, none, "", err
		}
	}
	p, err := checkPage(p)
	if err != nil {
		return nil, none, "", err
	}
	if _, err := identity.RequireDepartment(ctx, f.Department); err != nil {
		return nil, none, "", err
	}
	return a.feedback.List(ctx, f, p)
}
