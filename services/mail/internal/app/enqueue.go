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
}

// NotifyCitizen queues a notice of template to the citizen subject,
// inside the consumed event's transaction (A9.1).
func (a *App) NotifyCitizen(ctx context.Context, w NoticeWriter, src Source, template, subject string, params map[string]string) error {
	n := a.newNotice(src, template, domain.RecipientSubject+subject, subject, params)
	return w.Add(ctx, n)
}

// NotifyDepartment queues a notice of template to every active official's
// account of department. A department without one gets a notice that
// fails at once, so the gap is visible and announced, not silent.
func (a *App) NotifyDepartment(ctx context.Context, w NoticeWriter, src Source, template, department string, params map[string]string) error {
	accounts, err := w.DepartmentAccounts(ctx, department)
	if err != nil {
		return err
	}
	if len(accounts) == 0 {
		n := a.newNotice(src, template, domain.RecipientDepartment+department, "", params)
		n.Fail(domain.FailureNoAddress, "department "+department+" has no active official's e-mail ID")
		n.Attempts = 0
		return w.Add(ctx, n)
	}
	for _, acc := range accounts {
		n := a.newNotice(src, template, domain.RecipientAccount+acc.ID, acc.SubjectID, params)
		if err := w.Add(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// ForgetSubject closes an erased subject's citizen ID and drops their
// preferences (seoul.privacy.subject.erased).
func (a *App) ForgetSubject(ctx context.Context, w NoticeWriter, subject string) error {
	if err := w.CloseCitizen(ctx, subject, a.now()); err != nil {
		return err
	}
	return w.ForgetPreferences(ctx, subject)
}

func (a *App) newNotice(src Source, template, recipient, subject string, params map[string]string) *domain.Notice {
	now := a.now()
	return &domain.Notice{ID: newID(), SourceEventID: src.EventID, SourceSubject: src.Subject, SourceID: src.SourceID,
		Template: template, Recipient: recipient, RecipientSubject: subject, Params: params,
		Status: domain.StatusPending, CreatedAt: now, NextAttemptAt: now}
}
