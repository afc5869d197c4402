package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// CurrentTerms returns the terms in force (public, A9.3).
func (a *App) CurrentTerms(ctx context.Context) (domain.Terms, error) {
	return a.terms.Current(ctx, a.now())
}

// ListTerms returns every version, newest first (public).
func (a *App) ListTerms(ctx context.Context) ([]domain.Terms, error) {
	return a.terms.List(ctx)
}

// PublishTerms posts a new version (admins). The same version with the
// same text again returns it; with other text it is AlreadyExists.
func (a *App) PublishTerms(ctx context.Context, t domain.Terms) (domain.Terms, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return domain.Terms{}, err
	}
	t, err := domain.NewTerms(t, a.now())
	if err != nil {
		return domain.Terms{}, err
	}
	if old, err := a.terms.Get(ctx, t.Version); err == nil {
		if old.SameText(t) {
			return old, nil
		}
		return domain.Terms{}, errs.AlreadyExists("TERMS_VERSION_TAKEN", "version", t.Version)
	}
	if err := a.terms.Add(ctx, t); err != nil {
		return domain.Terms{}, err
	}
	return t, nil
}
