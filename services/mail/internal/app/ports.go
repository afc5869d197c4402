package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Accounts stores e-mail IDs. Writes persist the account's recorded
// events to the outbox in the same transaction.
type Accounts interface {
	// Create stores a; a retry with the same creator and request id returns
	// the first account. AlreadyExists for a taken address or a citizen who
	// already holds a live ID.
	Create(ctx context.Context, a *domain.Account, createdBy, requestID string) (*domain.Account, error)
	// Get returns NotFound for an unknown id.
	Get(ctx context.Context, id string) (*domain.Account, error)
	// LiveCitizen returns the citizen's account that is not closed, or NotFound.
	LiveCitizen(ctx context.Context, subject string) (*domain.Account, error)
	// ByAddress returns the account of local@domain, or NotFound.
	ByAddress(ctx context.Context, local, domain string) (*domain.Account, error)
	// DepartmentOfficials lists the active officials' accounts of department.
	DepartmentOfficials(ctx context.Context, department string) ([]*domain.Account, error)
	// Update locks the account, applies fn and stores the result.
	Update(ctx context.Context, id string, fn func(*domain.Account) error) (*domain.Account, error)
}

// TermsStore keeps the versions of the terms.
type TermsStore interface {
	// Current is the newest version in force at now.
	Current(ctx context.Context, now time.Time) (domain.Terms, error)
	List(ctx context.Context) ([]domain.Terms, error)
	// Get returns NotFound for an unknown version.
	Get(ctx context.Context, version string) (domain.Terms, error)
	// Add stores t; AlreadyExists if the version exists.
	Add(ctx context.Context, t domain.Terms) error
	// Translate stores new translations of a posted version (A2).
	Translate(ctx context.Context, t domain.Terms) error
}

// Notices stores notices and hands due ones to delivery. Writes persist
// the notice's recorded events (a delivery that failed) to the outbox in
// the same transaction.
type Notices interface {
	// Create stores n, or returns the notice already stored for its
	// (source event, template, recipient).
	Create(ctx context.Context, n *domain.Notice) (*domain.Notice, error)
	Get(ctx context.Context, id string) (*domain.Notice, error)
	// List serves a page of the notices f selects, newest first.
	List(ctx context.Context, f NoticeFilter, p pagetoken.Page) ([]*domain.Notice, string, error)
	// ClaimDue locks up to limit pending notices due at now (skipping those
	// other workers hold), applies fn to each and stores the result — one
	// transaction — and reports how many it claimed.
	ClaimDue(ctx context.Context, now time.Time, limit int, fn func(*domain.Notice) error) (int, error)
}

// Preferences keeps which optional categories a subject turned off.
type Preferences interface {
	// Get returns the categories the subject set (others are on).
	Get(ctx context.Context, subject string) (map[string]bool, error)
	Set(ctx context.Context, subject, category string, enabled bool, now time.Time) error
	// Forget drops the subject's settings.
	Forget(ctx context.Context, subject string) error
}

// Privacy is what the service asks of the privacy vault (A10), as the
// mail service's own machine client: the suite's one client
// (services/privacy/client) satisfies it, and its clienttest.Fake in app
// tests. Its errors follow the client's one table; a delivery retries on
// any of them.
type Privacy interface {
	// Masked returns the masked views and tokens of the subject's fields;
	// NotFound when the vault holds none of them (or erased the subject).
	Masked(ctx context.Context, subject string, fields ...string) (map[string]client.Masked, error)
	// Reveal returns the plaintext of tokens for purpose; the vault
	// decides and logs every reveal.
	Reveal(ctx context.Context, purpose, caseRef string, tokens ...string) ([]client.Revealed, error)
}

// Message is one e-mail to send.
type Message struct {
	FromName, From string
	To             string
	Subject        string
	Text, HTML     string
	MessageID      string
	// Unsubscribe, when set, is the RFC 8058 one-click unsubscribe URL.
	Unsubscribe string
	// InReplyTo threads an answer to a received message.
	InReplyTo string
}

// Sender hands a message to the SMTP server. A failure is a *SendFailure.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SendFailure classifies a failed hand-over.
type SendFailure struct {
	// Permanent: the server refused for good (5xx); do not retry.
	Permanent bool
	// Answered: the server answered (a 4xx); false when unreachable.
	Answered bool
	Detail   string
}

func (e *SendFailure) Error() string { return e.Detail }

// Complaints files complaints with the petition service.
type Complaints interface {
	// FileByMail files c on behalf of the citizen c.Subject and returns its
	// receipt number: Invalid with the petition service's field violations
	// for what it refused as bad input, Unavailable when it cannot be
	// reached (retrying later may work).
	FileByMail(ctx context.Context, c ComplaintByMail) (string, error)
}

// ComplaintByMail is what the petition service gets of a complaint by
// e-mail.
type ComplaintByMail struct {
	Subject, MailID, RequestID string
	Type, Title, Body          string
	// Name is the sender's display name, if it can be a name.
	Name string
}

// NoticeFilter selects notices.
type NoticeFilter struct {
	RecipientSubject string
	SourceID         string
	Status           domain.Status
	// VisibleTo keeps the notices a caller who is not an admin may see
	// (domain.Notice.VisibleTo); nil selects from all.
	VisibleTo *domain.Viewer
}
