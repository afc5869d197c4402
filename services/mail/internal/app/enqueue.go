package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Source is a consumed event that owes notices to people.
type Source struct {
	// EventID is the event's id: with template and recipient it makes the
	// notice unique, so a redelivery queues nothing twice.
	EventID string
	// Subject is the event's NATS subject; SourceID the entity it is about.
	Subject, SourceID string
	// Department is the department whose work the event is about (the one
	// holding the complaint, the one whose item went stale), if any.
	Department string
}

// NotifyCitizen queues a notice of template to the citizen subject (A9.1).
// Called by a consumer with the App over the consumed event's transaction,
// so the notice commits with the event id.
func (a *App) NotifyCitizen(ctx context.Context, src Source, template, subject string, params map[string]string) error {
	n := a.newNotice(src, template, domain.RecipientSubject+subject, subject, params)
	_, err := a.notices.Create(ctx, n)
	return err
}

// NotifyDepartment queues a notice of template to every active official's
// account of department. A department without one gets a notice that
// fails at once, so the gap is visible and announced, not silent.
func (a *App) NotifyDepartment(ctx context.Context, src Source, template, department string, params map[string]string) error {
	src.Department = department
	accounts, err := a.accounts.DepartmentOfficials(ctx, department)
	if err != nil {
		return err
	}
	if len(accounts) == 0 {
		n := a.newNotice(src, template, domain.RecipientDepartment+department, "", params)
		n.Fail(domain.FailureNoAddress, "department "+department+" has no active official's e-mail ID", a.now())
		n.Attempts = 0
		_, err := a.notices.Create(ctx, n)
		return err
	}
	for _, acc := range accounts {
		n := a.newNotice(src, template, domain.RecipientAccount+acc.ID, acc.SubjectID, params)
		if _, err := a.notices.Create(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// ForgetSubject closes an erased subject's citizen ID and drops their
// preferences (seoul.privacy.subject.erased).
func (a *App) ForgetSubject(ctx context.Context, subject string) error {
	acc, err := a.accounts.LiveCitizen(ctx, subject)
	if err == nil {
		_, err = a.accounts.Update(ctx, acc.ID, func(acc *domain.Account) error {
			acc.Close(a.now())
			return nil
		})
	}
	if err := ignoreNotFound(err); err != nil {
		return err
	}
	return a.prefs.Forget(ctx, subject)
}

func (a *App) newNotice(src Source, template, recipient, subject string, params map[string]string) *domain.Notice {
	now := a.now()
	return &domain.Notice{ID: newID(), SourceEventID: src.EventID, SourceSubject: src.Subject, SourceID: src.SourceID,
		Template: template, Recipient: recipient, RecipientSubject: subject, DepartmentCode: src.Department, Params: params,
		Status: domain.StatusPending, CreatedAt: now, NextAttemptAt: now}
}

// AccountOf returns an account by id for the service's own work (the
// notices of an account's changes); callers' reads go through GetAccount.
func (a *App) AccountOf(ctx context.Context, id string) (*domain.Account, error) {
	return a.accounts.Get(ctx, id)
}
