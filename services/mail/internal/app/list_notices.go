package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// ListNotices lists notices with their delivery status, least privilege:
// citizens their own; officials the notices of their department's work
// (its reminders, the notices of complaints it held, what its officials
// sent) and their own; admins all.
func (a *App) ListNotices(ctx context.Context, f NoticeFilter, size int, token string) ([]*domain.Notice, string, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, "", err
	}
	if !c.HasAny(identity.RoleOfficial, identity.RoleAdmin) && f.RecipientSubject != "" && f.RecipientSubject != c.Subject {
		return nil, "", errs.PermissionDenied("OWN_NOTICES_ONLY")
	}
	f.VisibleTo = viewer(c)
	size, err = pagetoken.Size(size, defaultPageSize, maxPageSize)
	if err != nil {
		return nil, "", err
	}
	return a.notices.List(ctx, f, pagetoken.Page{Size: size, Token: token})
}

// viewer is what the caller may see of notices; nil for admins (all).
// Only officials see by department: a machine client's registry department
// is not its officials' view of the notices.
func viewer(c identity.Claims) *domain.Viewer {
	switch {
	case c.Has(identity.RoleAdmin):
		return nil
	case c.Has(identity.RoleOfficial):
		return &domain.Viewer{Subject: c.Subject, Department: c.Department}
	}
	return &domain.Viewer{Subject: c.Subject}
}
