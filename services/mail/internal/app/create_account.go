package app

import (
	"context"
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
	acc := domain.NewAccount(newID(), cmd.Kind, cmd.LocalPart, a.set.Domain, subject,
		cmd.DepartmentCode, cmd.DisplayName, terms.Version, a.now())
	return a.accounts.Create(ctx, acc, c.Subject, cmd.RequestID)
}

func (cmd CreateAccount) validate(terms domain.Terms) error {
	var v errs.Violations
	v.Merge(domain.CheckLocalPart("local_part", cmd.LocalPart))
	v.Check(utf8.RuneCountInString(cmd.RequestID) > 100, "request_id", "TOO_LONG", "max", 100)
	if cmd.TermsVersion != terms.Version {
		v.Add("terms_version", "TERMS_MUST_BE_ACCEPTED", "version", terms.Version)
	}
	switch cmd.Kind {
	case domain.KindOfficial:
		v.Check(cmd.SubjectID == "" || utf8.RuneCountInString(cmd.SubjectID) > 128, "subject_id", "LENGTH", "min", 1, "max", 128)
		v.Check(cmd.DepartmentCode == "" || utf8.RuneCountInString(cmd.DepartmentCode) > 32, "department_code", "LENGTH", "min", 1, "max", 32)
		v.Merge(domain.CheckDisplayName("display_name", cmd.DisplayName))
	case domain.KindCitizen:
		v.Check(cmd.SubjectID != "", "subject_id", "CITIZEN_OWN_ID")
		v.Check(cmd.DepartmentCode != "", "department_code", "OFFICIALS_ONLY_DEPARTMENT")
		v.Check(cmd.DisplayName != "", "display_name", "OFFICIALS_ONLY_DISPLAY_NAME")
	default:
		v.Add("kind", "NOT_ONE_OF", "allowed", "ACCOUNT_KIND_OFFICIAL, ACCOUNT_KIND_CITIZEN")
	}
	return v.Err()
}

// holder decides who the ID is for: officials' IDs are issued by admins;
// a citizen's ID is self-service and needs a verified identity.
func (cmd CreateAccount) holder(c identity.Claims) (string, error) {
	if cmd.Kind == domain.KindOfficial {
		if !c.Has(identity.RoleAdmin) {
			return "", errs.PermissionDenied("ADMINS_ISSUE_OFFICIAL_IDS")
		}
		return cmd.SubjectID, nil
	}
	if !c.Has(identity.RoleCitizen) {
		return "", errs.PermissionDenied("CITIZENS_OWN_ID_ONLY")
	}
	if !c.RealNameVerified {
		return "", errs.FailedPrecondition("CITIZEN_ID_NEEDS_VERIFICATION")
	}
	return c.Subject, nil
}
