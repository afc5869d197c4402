// Package app holds the mail service's use cases, one per file, over the
// ports in ports.go. Authorization decisions live here.
package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Settings are the service's settings the use cases need.
type Settings struct {
	// Domain is the domain of IDs and of Message-IDs, e.g. "seoul.go.kr".
	Domain string
	// From and FromName are the sender of notices.
	From, FromName string
	// PublicBaseURL is the REST edge's public URL (unsubscribe links).
	PublicBaseURL string
	// UnsubscribeKey signs one-click unsubscribe tokens.
	UnsubscribeKey []byte
	Retry          domain.RetryPolicy
	// ComplaintLocalPart names the complaint address at Domain (A9.1).
	ComplaintLocalPart string
}

// App is the mail service's use cases.
type App struct {
	accounts   Accounts
	terms      TermsStore
	notices    Notices
	prefs      Preferences
	privacy    Privacy
	sender     Sender
	complaints Complaints
	set        Settings
	now        clock.Clock
}

// Ports are what App needs from outside.
type Ports struct {
	Accounts    Accounts
	Terms       TermsStore
	Notices     Notices
	Preferences Preferences
	// Privacy is the vault; nil when the service has no machine token
	// (notices to citizens then go to their city IDs only).
	Privacy Privacy
	Sender  Sender
	// Complaints is the petition service; nil when complaints by e-mail
	// are off.
	Complaints Complaints
}

// New returns the use cases over p, with settings s and the clock now.
func New(p Ports, s Settings, now clock.Clock) *App {
	return &App{accounts: p.Accounts, terms: p.Terms, notices: p.Notices, prefs: p.Preferences,
		privacy: p.Privacy, sender: p.Sender, complaints: p.Complaints, set: s, now: now}
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func checkUUID(field, id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid(field, "NOT_UUID")
	}
	return nil
}

// Page sizes of the notice list.
const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// holderOrAdmin allows the account's holder and admins, and hides the
// account from everyone else as NotFound.
func holderOrAdmin(ctx context.Context, a *domain.Account) error {
	c := identity.From(ctx)
	if c.Has(identity.RoleAdmin) || (c.Subject != "" && c.Subject == a.SubjectID) {
		return nil
	}
	return errs.NotFound("MAIL_ACCOUNT_NOT_FOUND", "id", a.ID)
}

// Domain is the domain of the IDs.
func (a *App) Domain() string { return a.set.Domain }

// ignoreNotFound turns NotFound into "nothing there".
func ignoreNotFound(err error) error {
	if errs.Is(err, errs.KindNotFound) {
		return nil
	}
	return err
}
