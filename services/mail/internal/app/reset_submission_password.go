package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/apppassword"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// ResetSubmissionPassword gives the holder of an active citizen's ID a new
// app password for complaints by e-mail (A9.1) and returns it, the one time
// it is shown; only its hash is stored and the previous one stops working.
// The holder only: to anyone else but admins the ID does not exist, and
// admins may not hold a citizen's password.
func (a *App) ResetSubmissionPassword(ctx context.Context, id string) (*domain.Account, string, error) {
	if _, err := identity.RequireSignedIn(ctx); err != nil {
		return nil, "", err
	}
	acc, err := a.GetAccount(ctx, id)
	if err != nil {
		return nil, "", err
	}
	if identity.From(ctx).Subject != acc.SubjectID {
		return nil, "", errs.PermissionDenied("HOLDER_ONLY")
	}
	password, err := apppassword.Generate()
	if err != nil {
		return nil, "", err
	}
	hash, err := apppassword.Hash(password)
	if err != nil {
		return nil, "", err
	}
	acc, err = a.accounts.Update(ctx, acc.ID, func(acc *domain.Account) error {
		return acc.SetSubmissionPassword(hash, a.now())
	})
	if err != nil {
		return nil, "", err
	}
	return acc, password, nil
}

// ComplaintAddress is where citizens send complaints by e-mail.
func (a *App) ComplaintAddress() string {
	return domain.ComplaintAddress(a.set.ComplaintLocalPart, a.set.Domain)
}
