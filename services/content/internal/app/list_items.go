package app

import (
	"context"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// ListItems lists items newest first by kind, department, tag and
// language (A3.1). Published items are public; drafts, items in review and
// archived items are listed for one department to its officials and admins.
func (a *App) ListItems(ctx context.Context, f ItemFilter, p Page) ([]*domain.Item, string, error) {
	var v errs.Violations
	v.Check(f.Kind != "" && !f.Kind.Valid(), "kind", "unknown kind")
	if f.Department != "" {
		domain.ValidateDepartmentCode(&v, "department_code", f.Department)
	}
	if f.Language != "" {
		lang, ok := domain.NormalizeLanguage(f.Language)
		v.Check(!ok, "language", "not a language tag such as ko, en, zh-Hans, ja")
		f.Language = lang
	}
	f.Tag = strings.ToLower(strings.TrimSpace(f.Tag))
	if f.Status == "" {
		f.Status = domain.StatusPublished
	}
	v.Check(f.Status != domain.StatusPublished && f.Department == "", "department_code",
		"required to list items that are not published")
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
