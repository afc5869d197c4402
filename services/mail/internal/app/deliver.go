package app

import (
	"context"
	"errors"
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/seoul-gov/homepage/platform/metrics"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// DeliverDue makes one attempt at each notice due now, one notice per
// transaction, until none is due, and reports how many it tried (a
// scheduled job). Several workers and replicas run side by side: each
// notice is claimed under a row lock that others skip. The row stays
// locked while the SMTP server is asked, and the outcome commits with it:
// a crash before the commit leaves the notice pending for the next
// attempt, with the same Message-ID.
func (a *App) DeliverDue(ctx context.Context) (int, error) {
	total := 0
	for ctx.Err() == nil {
		n, err := a.notices.ClaimDue(ctx, a.now(), 1, func(n *domain.Notice) error {
			a.attempt(ctx, n)
			return nil
		})
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
	return total, nil
}

func (a *App) attempt(ctx context.Context, n *domain.Notice) {
	t, err := domain.LookupTemplate("template", n.Template)
	if err != nil {
		n.Fail(domain.FailureRejected, "unknown template "+n.Template, a.now())
		return
	}
	if off, err := a.optedOut(ctx, t, n.RecipientSubject); err != nil {
		n.Retry("preferences unavailable: "+err.Error(), false, a.set.Retry, a.now())
		return
	} else if off {
		n.Suppress(a.now())
		return
	}
	to, err := a.resolve(ctx, n)
	if err != nil {
		n.Retry(err.Error(), false, a.set.Retry, a.now())
		return
	}
	if to == "" {
		n.Fail(domain.FailureNoAddress, "no e-mail address for "+n.Recipient, a.now())
		return
	}
	msg, err := a.compose(n, t, to)
	if err != nil {
		n.Fail(domain.FailureRejected, err.Error(), a.now())
		return
	}
	a.record(n, a.sender.Send(ctx, msg))
}

// record turns the SMTP outcome into the notice's next state and counts it.
func (a *App) record(n *domain.Notice, err error) {
	var f *SendFailure
	switch {
	case err == nil:
		n.Accepted(a.now())
		smtpAttempts.WithLabelValues("accepted").Inc()
	case errors.As(err, &f) && f.Permanent:
		n.Fail(domain.FailureRejected, f.Detail, a.now())
		smtpAttempts.WithLabelValues("rejected").Inc()
	case errors.As(err, &f) && f.Answered:
		n.Retry(f.Detail, f.Answered, a.set.Retry, a.now())
		smtpAttempts.WithLabelValues("deferred").Inc()
	default:
		n.Retry(err.Error(), false, a.set.Retry, a.now())
		smtpAttempts.WithLabelValues("unreachable").Inc()
	}
}

// smtpAttempts counts hand-overs to the SMTP server by outcome, for the
// SMTP-failure alerts (deploy/monitoring): accepted, deferred (4xx, retried),
// rejected (5xx, failed for good), unreachable (no answer, retried).
var smtpAttempts = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "mail_smtp_attempts_total", Help: "Notices handed to the SMTP server, by outcome (accepted, deferred, rejected, unreachable).",
}, []string{"outcome"})

func init() { metrics.Registry.MustRegister(smtpAttempts) }

// optedOut reports whether the recipient turned an optional category off.
func (a *App) optedOut(ctx context.Context, t domain.Template, subject string) (bool, error) {
	if t.Statutory || subject == "" {
		return false, nil
	}
	prefs, err := a.prefs.Get(ctx, subject)
	if err != nil {
		return false, err
	}
	enabled, set := prefs[t.Category]
	return set && !enabled, nil
}

// resolve finds the address at send time: a citizen's contact address
// from the privacy vault, else their city ID; an official's ID. Nothing
// found is "" (the notice fails for good); an error is temporary.
func (a *App) resolve(ctx context.Context, n *domain.Notice) (string, error) {
	if id, ok := strings.CutPrefix(n.Recipient, domain.RecipientAccount); ok {
		acc, err := a.accounts.Get(ctx, id)
		if err != nil || acc.State != domain.StateActive {
			return "", ignoreNotFound(err)
		}
		return acc.Address(), nil
	}
	subject, ok := strings.CutPrefix(n.Recipient, domain.RecipientSubject)
	if !ok {
		return "", nil
	}
	addr, err := a.contactEmail(ctx, subject)
	if err != nil || addr != "" {
		return addr, err
	}
	acc, err := a.accounts.LiveCitizen(ctx, subject)
	if err != nil || acc.State != domain.StateActive {
		return "", ignoreNotFound(err)
	}
	return acc.Address(), nil
}

// compose renders the notice into a message, with one-click unsubscribe
// (RFC 8058) on optional notices.
func (a *App) compose(n *domain.Notice, t domain.Template, to string) (Message, error) {
	var footer []string
	unsub := ""
	if !t.Statutory && n.RecipientSubject != "" {
		unsub = a.set.PublicBaseURL + "/v1/mail/unsubscribe/" + a.unsubscribeToken(n.RecipientSubject, t.Category)
		footer = append(footer, "수신 거부 / Unsubscribe: "+unsub)
	} else {
		footer = append(footer, "이 통지는 법령에 따른 통지로 수신 거부할 수 없습니다. / This notice is required by law and cannot be turned off.")
	}
	r, err := t.Render(n.Params, footer)
	if err != nil {
		return Message{}, err
	}
	return Message{FromName: a.set.FromName, From: a.set.From, To: to, Subject: r.Subject, Text: r.Text,
		HTML: r.HTML, MessageID: n.MessageID(a.set.Domain), Unsubscribe: unsub}, nil
}
