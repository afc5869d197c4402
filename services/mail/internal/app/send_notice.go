package app

import (
	"context"
	"unicode/utf8"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// SendNotice asks to send a template to a citizen.
type SendNotice struct {
	RequestID        string
	Template         string
	RecipientSubject string
	Params           map[string]string
}

// SendNotice queues a notice from a template (officials, admins and
// machine clients). Unknown templates and missing params are named; a
// retry with the same request id returns the first notice.
func (a *App) SendNotice(ctx context.Context, cmd SendNotice) (*domain.Notice, error) {
	c, err := identity.RequireAny(ctx, identity.RoleOfficial, identity.RoleAdmin, identity.RoleService)
	if err != nil {
		return nil, err
	}
	var v errs.Violations
	v.Check(cmd.RequestID == "" || utf8.RuneCountInString(cmd.RequestID) > 100, "request_id", "LENGTH", "min", 1, "max", 100)
	v.Check(cmd.RecipientSubject == "" || utf8.RuneCountInString(cmd.RecipientSubject) > 128, "recipient_subject", "LENGTH", "min", 1, "max", 128)
	t, err := domain.LookupTemplate("template", cmd.Template)
	if err != nil {
		v.Merge(err)
	} else if t.ForOfficer {
		v.Add("template", "DEPARTMENT_TEMPLATE")
	} else if err := t.CheckParams(cmd.Params); err != nil {
		return nil, err
	}
	for k, val := range cmd.Params {
		v.Check(utf8.RuneCountInString(val) > 500, "params."+k, "TOO_LONG", "max", 500)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	// The notice is the work of the sender's department (a machine client's
	// from the registry), whose officials may then see it.
	src := Source{EventID: "request:" + c.Subject + ":" + cmd.RequestID, Subject: "seoul.mail.notice.requested",
		Department: c.Department}
	n := a.newNotice(src, t.Name, domain.RecipientSubject+cmd.RecipientSubject, cmd.RecipientSubject, cmd.Params)
	return a.notices.Create(ctx, n)
}
