package app

import (
	"context"
	"errors"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// CreateAccount asks for an e-mail ID.
type CreateAccount struct {
	RequestID      string
	Kind           domain.Kind
	LocalPart      string
	SubjectID      string
	DepartmentCode string
	DisplayName    string
	TermsVersion   string
}

// CreateAccount gives an ID (A9.2): citizens for themselves with a
// verified identity, admins for officials of a department. The holder
// accepts the terms in force (A9.3). Every bad field is named.
func (a *App) CreateAccount(ctx context.Context, cmd CreateAccount) (*domain.Account, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return nil, err
	}
	terms, err := a.terms.Current(ctx, a.now())
	if err != nil {
		return nil, err
	}
	if err := cmd.validate(terms); err != nil {
		return nil, err
	}
	subject, err := cmd.holder(c)
	if err != nil {
		return nil, err
	}
	acc := domain.NewAccount(newID(), cmd.Kind, cmd.LocalPart, a.opts.Domain, subject,
		cmd.DepartmentCode, cmd.DisplayName, terms.Version, a.now())
	return a.accounts.Create(ctx, acc, c.Subject, cmd.RequestID)
}

func (cmd CreateAccount) validate(terms domain.Terms) error {
	var v errs.Violations
	if err := domain.CheckLocalPart("local_part", cmd.LocalPart); err != nil {
		v.Add("local_part", violation(err))
	}
	v.Check(utf8.RuneCountInString(cmd.RequestID) > 100, "request_id", "at most 100 characters")
	if cmd.TermsVersion != terms.Version {
		v.Add("terms_version", "the terms of the service version "+terms.Version+" must be accepted")
	}
	switch cmd.Kind {
	case domain.KindOfficial:
		v.Check(cmd.SubjectID == "" || utf8.RuneCountInString(cmd.SubjectID) > 128, "subject_id", "required for an official, at most 128 characters")
		v.Check(cmd.DepartmentCode == "" || utf8.RuneCountInString(cmd.DepartmentCode) > 32, "department_code", "required for an official, at most 32 characters")
		if err := domain.CheckDisplayName("display_name", cmd.DisplayName); err != nil {
			v.Add("display_name", violation(err))
		}
	case domain.KindCitizen:
		v.Check(cmd.SubjectID != "", "subject_id", "citizens create their own ID; leave it empty")
		v.Check(cmd.DepartmentCode != "", "department_code", "only officials belong to a department")
		v.Check(cmd.DisplayName != "", "display_name", "only officials' IDs carry a display name")
	default:
		v.Add("kind", "must be ACCOUNT_KIND_OFFICIAL or ACCOUNT_KIND_CITIZEN")
	}
	return v.Err()
}

// holder decides who the ID is for: officials' IDs are issued by admins;
// a citizen's ID is self-service and needs a verified identity.
func (cmd CreateAccount) holder(c identity.Claims) (string, error) {
	if cmd.Kind == domain.KindOfficial {
		if !c.Has(identity.RoleAdmin) {
			return "", errs.PermissionDenied("officials' IDs are issued by admins")
		}
		return cmd.SubjectID, nil
	}
	if !c.Has(identity.RoleCitizen) {
		return "", errs.PermissionDenied("citizens create their own ID")
	}
	if !c.RealNameVerified {
		return "", errs.FailedPrecondition("a citizen's ID needs a verified identity (real-name verification)")
	}
	return c.Subject, nil
}

// violation is the description of a single-field Invalid error.
func violation(err error) string {
	var e *errs.Error
	if errors.As(err, &e) && len(e.Violations) > 0 {
		return e.Violations[0].Description
	}
	return err.Error()
}
