package app

import (
	"context"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListItems lists items newest first by kind, department, tag and
// language (A3.1). Published items are public; drafts, items in review and
// archived items are listed for one department to its officials and admins.
func (a *App) ListItems(ctx context.Context, f ItemFilter, p pagetoken.Page) ([]*domain.Item, string, error) {
	var v errs.Violations
	v.Check(f.Kind != "" && !f.Kind.Valid(), "kind", "INVALID_ENUM")
	if f.Department != "" {
		domain.ValidateDepartmentCode(&v, "department_code", f.Department)
	}
	if f.Language != "" {
		lang, ok := domain.NormalizeLanguage(f.Language)
		v.Check(!ok, "language", "LANGUAGE_TAG")
		f.Language = lang
	}
	f.Tag = strings.ToLower(strings.TrimSpace(f.Tag))
	if f.Status == "" {
		f.Status = domain.StatusPublished
	}
	v.Check(f.Status != domain.StatusPublished && f.Department == "", "department_code", "REQUIRED_FOR_UNPUBLISHED")
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	p, err := checkPage(p)
	if err != nil {
		return nil, "", err
	}
	if f.Status != domain.StatusPublished {
		if _, err := identity.RequireDepartment(ctx, f.Department); err != nil {
			return nil, "", err
		}
	}
	return a.items.List(ctx, f, p)
}
