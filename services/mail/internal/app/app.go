// Package app holds the mail service's use cases, one per file, over the
// ports in ports.go. Authorization decisions live here.
package app

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Options are the service's settings the use cases need.
type Options struct {
	// Domain is the domain of IDs and of Message-IDs, e.g. "seoul.go.kr".
	Domain string
	// From and FromName are the sender of notices.
	From, FromName string
	// PublicBaseURL is the REST edge's public URL (unsubscribe links).
	PublicBaseURL string
	// UnsubscribeKey signs one-click unsubscribe tokens.
	UnsubscribeKey []byte
	Retry          domain.RetryPolicy
}

// App is the mail service's use cases.
type App struct {
	accounts  Accounts
	terms     TermsStore
	notices   Notices
	prefs     Preferences
	addresses Addresses
	sender    Sender
	opts      Options
	now       func() time.Time
}

// Ports are what App needs from outside.
type Ports struct {
	Accounts    Accounts
	Terms       TermsStore
	Notices     Notices
	Preferences Preferences
	Addresses   Addresses
	Sender      Sender
}

// New returns the use cases.
func New(p Ports, opts Options) *App {
	return &App{accounts: p.Accounts, terms: p.Terms, notices: p.Notices, prefs: p.Preferences,
		addresses: p.Addresses, sender: p.Sender, opts: opts, now: storedNow}
}

// storedNow is the time at PostgreSQL's precision (microseconds).
func storedNow() time.Time { return time.Now().Truncate(time.Microsecond) }

// WithClock replaces the clock (tests of time-dependent rules).
func (a *App) WithClock(now func() time.Time) *App {
	a.now = now
	return a
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func checkUUID(field, id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid(field, "NOT_UUID")
	}
	return nil
}

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

func checkPage(p Page) (Page, error) {
	var err error
	p.Size, err = pagetoken.Size(p.Size, defaultPageSize, maxPageSize)
	return p, err
}

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
func (a *App) Domain() string { return a.opts.Domain }

// ignoreNotFound turns NotFound into "nothing there".
func ignoreNotFound(err error) error {
	if errs.Is(err, errs.KindNotFound) {
		return nil
	}
	return err
}
