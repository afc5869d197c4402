package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Me is the account id that means the caller's own citizen account.
const Me = "me"

// GetAccount returns an account to its holder and admins; "me" is the
// caller's own citizen account.
func (a *App) GetAccount(ctx context.Context, id string) (*domain.Account, error) {
	if id == Me {
		c, err := identity.RequireSignedIn(ctx)
		if err != nil {
			return nil, err
		}
		return a.accounts.LiveCitizen(ctx, c.Subject)
	}
	if err := checkUUID("account_id", id); err != nil {
		return nil, err
	}
	acc, err := a.accounts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return acc, holderOrAdmin(ctx, acc)
}

// TermsAcceptanceRequired reports whether a newer version awaits acceptance.
func (a *App) TermsAcceptanceRequired(ctx context.Context, acc *domain.Account) (bool, error) {
	t, err := a.terms.Current(ctx, a.now())
	return err == nil && acc.AcceptedTerms != t.Version, err
}

// AcceptTerms records the holder's acceptance of the version in force.
func (a *App) AcceptTerms(ctx context.Context, id, version string) (*domain.Account, error) {
	terms, err := a.terms.Current(ctx, a.now())
	if err != nil {
		return nil, err
	}
	return a.change(ctx, id, func(acc *domain.Account) error {
		if identity.From(ctx).Subject != acc.SubjectID {
			return errs.PermissionDenied("HOLDER_ONLY")
		}
		return acc.AcceptTerms(version, terms, a.now())
	})
}

// SuspendAccount suspends an account on a clause of the terms (admins).
func (a *App) SuspendAccount(ctx context.Context, id, clause, reason string) (*domain.Account, error) {
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return nil, err
	}
	terms, err := a.terms.Current(ctx, a.now())
	if err != nil {
		return nil, err
	}
	return a.change(ctx, id, func(acc *domain.Account) error {
		return acc.Suspend(clause, reason, c.Subject, terms, a.now())
	})
}

// AppealSuspension records the holder's appeal.
func (a *App) AppealSuspension(ctx context.Context, id, statement string) (*domain.Account, error) {
	return a.change(ctx, id, func(acc *domain.Account) error {
		if identity.From(ctx).Subject != acc.SubjectID {
			return errs.PermissionDenied("HOLDER_ONLY")
		}
		return acc.Appeal(statement, a.now())
	})
}

// DecideAppeal settles an appeal (an admin other than who suspended).
func (a *App) DecideAppeal(ctx context.Context, id string, reinstate bool, reason string) (*domain.Account, error) {
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return nil, err
	}
	return a.change(ctx, id, func(acc *domain.Account) error {
		return acc.Decide(reinstate, reason, c.Subject, a.now())
	})
}

// CloseAccount closes an account: citizens their own, admins any.
func (a *App) CloseAccount(ctx context.Context, id string) (*domain.Account, error) {
	return a.change(ctx, id, func(acc *domain.Account) error {
		c := identity.From(ctx)
		if acc.Kind == domain.KindOfficial && !c.Has(identity.RoleAdmin) {
			return errs.PermissionDenied("ADMINS_CLOSE_OFFICIAL_IDS")
		}
		acc.Close(a.now())
		return nil
	})
}

// change applies fn to an account the caller may see, under its lock.
func (a *App) change(ctx context.Context, id string, fn func(*domain.Account) error) (*domain.Account, error) {
	if _, err := identity.RequireSignedIn(ctx); err != nil {
		return nil, err
	}
	if id == Me {
		acc, err := a.GetAccount(ctx, Me)
		if err != nil {
			return nil, err
		}
		id = acc.ID
	} else if err := checkUUID("account_id", id); err != nil {
		return nil, err
	}
	return a.accounts.Update(ctx, id, func(acc *domain.Account) error {
		if err := holderOrAdmin(ctx, acc); err != nil {
			return err
		}
		return fn(acc)
	})
}
