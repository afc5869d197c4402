package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// AccessPage is one page of the access log.
type AccessPage struct {
	Entries   []domain.AccessEntry
	NextToken string
}

// ListAccessLog lists the access log (A10.1): privacy officers query all
// of it; everyone else sees who accessed their own data.
func (a *App) ListAccessLog(ctx context.Context, f AccessFilter, pageSize int, pageToken string) (AccessPage, error) {
	actor := caller(ctx)
	size, err := pagetoken.Size(pageSize, 50, 500)
	if err != nil {
		return AccessPage{}, err
	}
	if actor.Anonymous() {
		return AccessPage{}, errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	if !actor.Has(domain.RolePrivacyOfficer) {
		if f.SubjectID != actor.Subject || f.ActorSubject != "" {
			return AccessPage{}, errs.PermissionDenied("OWN_ACCESS_LOG_ONLY")
		}
	}
	entries, next, err := a.Log.List(ctx, f, pagetoken.Page{Size: size, Token: pageToken})
	return AccessPage{Entries: entries, NextToken: next}, err
}
