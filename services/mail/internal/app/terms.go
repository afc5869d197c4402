package app

import (
	"context"
	"time"

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

// PublishTerms posts a new version (admins), each text made over the
// same text of the latest version (A2: languages not given are carried
// over, stale after a new Korean text). The same version with the same
// Korean texts again sets the translations given (or returns it
// unchanged); with other Korean text it is AlreadyExists.
func (a *App) PublishTerms(ctx context.Context, d domain.TermsDraft) (domain.Terms, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return domain.Terms{}, err
	}
	now := a.now()
	old, err := a.terms.Get(ctx, d.Version)
	if err == nil {
		return a.translateTerms(ctx, d, old, now)
	}
	if !errs.Is(err, errs.KindNotFound) {
		return domain.Terms{}, err
	}
	list, err := a.terms.List(ctx)
	if err != nil {
		return domain.Terms{}, err
	}
	var latest *domain.Terms
	if len(list) > 0 {
		latest = &list[0]
	}
	t, err := domain.NewTerms(d, latest, now)
	if err != nil {
		return domain.Terms{}, err
	}
	if err := a.terms.Add(ctx, t); err != nil {
		return domain.Terms{}, err
	}
	return t, nil
}

// translateTerms applies a republication of old: only its translations
// may change (A2); its dates stay.
func (a *App) translateTerms(ctx context.Context, d domain.TermsDraft, old domain.Terms, now time.Time) (domain.Terms, error) {
	d.EffectiveFrom = now // the posted date stands; checked only for a new version
	t, err := domain.NewTerms(d, &old, now)
	if err != nil {
		return domain.Terms{}, err
	}
	t.EffectiveFrom, t.PublishedAt = old.EffectiveFrom, old.PublishedAt
	switch {
	case !old.SameKorean(t):
		return domain.Terms{}, errs.AlreadyExists("TERMS_VERSION_TAKEN", "version", t.Version)
	case old.SameText(t):
		return old, nil
	}
	return t, a.terms.Translate(ctx, t)
}
