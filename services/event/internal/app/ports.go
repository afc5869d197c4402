// Package app holds the event service's use cases, one per file, and the
// authorization decisions. It declares what it needs from outside (the
// store, the privacy service, a clock) in this file.
package app

import (
	"context"
	"io"
	"time"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// EventTx is what a transition may read inside its transaction.
type EventTx interface {
	// EntryIDs returns the participation event's entry ids.
	EntryIDs(ctx context.Context) ([]string, error)
}

// ListFilter selects participation events. Drafts are included only for
// AllDrafts (admins) or for DraftsOf's department (its officials).
type ListFilter struct {
	Status     domain.Status
	Purpose    domain.Purpose
	Department string
	AllDrafts  bool
	DraftsOf   string
}

// Store is the service's persistence. Every method that changes state
// runs one transaction and writes the domain events the changed aggregate
// recorded to the outbox in it. Errors: NotFound for unknown ids, FailedPrecondition when a closure
// refuses, AlreadyExists/Conflict as mapped by pg.MapError.
type Store interface {
	// UpdateProgrammeBudget creates or locks the year's row and lets fn change it.
	UpdateProgrammeBudget(ctx context.Context, year int, fn func(pb *domain.ProgrammeBudget) error) (domain.ProgrammeBudget, error)
	BudgetReport(ctx context.Context, year int) (domain.BudgetReport, error)

	// CreateEvent inserts e unless (e.CreatedBy, requestID) exists, in which
	// case it returns the earlier one. check runs under the budget year's
	// row lock (SELECT ... FOR UPDATE) with the programme budget and the
	// sum of the year's other budgets.
	CreateEvent(ctx context.Context, e *domain.ParticipationEvent, requestID string, check func(programme, others int64) error) (*domain.ParticipationEvent, error)
	// UpdateDraft locks the budget year row, then the event row, and lets fn
	// change the draft, with the same figures as CreateEvent's check.
	UpdateDraft(ctx context.Context, id string, fn func(e *domain.ParticipationEvent, programme, others int64) error) (*domain.ParticipationEvent, error)
	// Update locks the event row and lets fn change its state.
	Update(ctx context.Context, id string, fn func(tx EventTx, e *domain.ParticipationEvent) error) (*domain.ParticipationEvent, error)
	Get(ctx context.Context, id string) (*domain.ParticipationEvent, error)
	// List serves one page of f, newest first; its token is bound to f.
	List(ctx context.Context, f ListFilter, page pagetoken.Page) ([]*domain.ParticipationEvent, string, error)
	// ClaimDueForClose claims up to limit announced or open events whose
	// period ended by now (FOR UPDATE SKIP LOCKED, one transaction) and lets
	// fn close each; it returns how many it claimed.
	ClaimDueForClose(ctx context.Context, now time.Time, limit int, fn func(tx EventTx, e *domain.ParticipationEvent) error) (int, error)

	// CreateEntry inserts en once per (event, subject); accept runs with the
	// event row share-locked. The existing entry is returned on repeats,
	// without events.
	CreateEntry(ctx context.Context, en *domain.Entry, accept func(e *domain.ParticipationEvent) error) (*domain.Entry, error)
	MyEntry(ctx context.Context, eventID, subjectID string) (*domain.Entry, error)
	EntryIDs(ctx context.Context, eventID string) ([]string, error)
	// EntryProofs returns each entry's id, pseudonym and time, by id.
	EntryProofs(ctx context.Context, eventID string) ([]domain.Entry, error)
	Entries(ctx context.Context, eventID string, ids []string) (map[string]domain.Entry, error)

	// EnterSourceValue locks the event row, loads its draw source values
	// and lets fn add one (nil: nothing to add).
	EnterSourceValue(ctx context.Context, eventID string, fn func(e *domain.ParticipationEvent) (*domain.SourceValueEntry, error)) (*domain.ParticipationEvent, error)

	// RecordDraw stores the winners and lets fn mark the event drawn.
	RecordDraw(ctx context.Context, eventID string, ws []domain.Winner, fn func(e *domain.ParticipationEvent) error) (*domain.ParticipationEvent, error)
	Winners(ctx context.Context, eventID string) ([]domain.Winner, error)
	UpdateWinner(ctx context.Context, eventID, winnerID string, fn func(e *domain.ParticipationEvent, w *domain.Winner) error) (*domain.Winner, error)
}

// Privacy is what the service asks of the privacy service, the only holder
// of personal data (A10): the suite's one client (services/privacy/client)
// satisfies it, and its clienttest.Fake in app tests. Its errors follow the
// client's one table (a refusal keeps its kind: 403, 401, 404, 400 naming
// the request's contact field; an outage is 503; anything else Internal).
type Privacy interface {
	// Store vaults a subject's fields and returns field → token and masked
	// view.
	Store(ctx context.Context, r client.StoreRequest) (map[string]client.Stored, error)
	// MaskedName returns the subject's masked name (홍*동); NotFound when the
	// privacy service holds no name for the subject (erased, A10.4).
	MaskedName(ctx context.Context, subjectID string) (string, error)
}

// Forgetter drops what the service keeps about one privacy subject. It is
// bound to the transaction of the consumer that received the erasure, so
// the effect commits with the inbox record of the event.
type Forgetter interface {
	// ForgetSubject clears the contact tokens of the subject's entries and
	// replaces the masked name of their winner rows with replacement.
	ForgetSubject(ctx context.Context, subjectID, replacement string) error
}

// App is the use cases.
type App struct {
	store   Store
	privacy Privacy
	now     clock.Clock
	random  io.Reader
}

// New returns the use cases over now (platform/clock: UTC microseconds,
// the database's precision, so what a call returns equals what a later
// read returns) and random, a cryptographic source in production.
func New(store Store, privacy Privacy, now clock.Clock, random io.Reader) *App {
	return &App{store: store, privacy: privacy, now: now, random: random}
}
