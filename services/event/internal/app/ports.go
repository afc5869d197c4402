// Package app holds the event service's use cases, one per file named
// after its RPC, and the authorization decisions. It declares what it
// needs from outside (one repository per aggregate, the privacy service,
// a clock, a random source) in this file.
package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// ParticipationEvents is the repository of participation events. Every
// change runs in one transaction that also writes the domain events the
// participation event recorded to the outbox; the store owns the locks and
// their order (budget year row, then participation event row).
// Errors: NotFound (EVENT_NOT_FOUND) for unknown ids, what a closure
// returns, AlreadyExists/Conflict as mapped by pg.MapError.
type ParticipationEvents interface {
	// Create inserts e unless (e.CreatedBy, requestID) exists, in which
	// case it returns the earlier one. fits runs under the budget year's
	// row lock with the year's programme budget, Allocated being the sum
	// of the year's other budgets (FailedPrecondition NO_PROGRAMME_BUDGET
	// without one).
	Create(ctx context.Context, e *domain.ParticipationEvent, requestID string, fits func(year domain.ProgrammeBudget) error) (*domain.ParticipationEvent, error)
	Get(ctx context.Context, id string) (*domain.ParticipationEvent, error)
	// List serves one page of f, newest first; its token is bound to f.
	List(ctx context.Context, f ListFilter, page pagetoken.Page) ([]*domain.ParticipationEvent, string, error)
	// UpdatePlan locks the budget year row, then the participation event,
	// and lets fn change the draft knowing the year's figures as Create's
	// fits does: every plan change of a year is serialized (A7.2). The
	// year is the one documented read beside the aggregate.
	UpdatePlan(ctx context.Context, id string, fn func(e *domain.ParticipationEvent, year domain.ProgrammeBudget) error) (*domain.ParticipationEvent, error)
	// Update locks the participation event and lets fn take a step of its
	// life; the store keeps a changed status as a new revision, the draw
	// source values and winners fn added, and the recorded events. fn may
	// read the entry list under the lock (Entrants, the narrow read).
	Update(ctx context.Context, id string, fn func(e *domain.ParticipationEvent, in Entrants) error) (*domain.ParticipationEvent, error)
	// ClaimDueForClose claims up to limit announced or open participation
	// events whose period ended by now (FOR UPDATE SKIP LOCKED, one
	// transaction) and lets fn close each, kept as Update keeps; it
	// returns how many it claimed.
	ClaimDueForClose(ctx context.Context, now time.Time, limit int, fn func(e *domain.ParticipationEvent, in Entrants) error) (int, error)
}

// Entrants reads a locked participation event's entry list.
type Entrants interface {
	// EntryIDs returns the participation event's entry ids in the
	// canonical order.
	EntryIDs(ctx context.Context) ([]string, error)
}

// Entries is the repository of citizens' entries.
type Entries interface {
	// Create inserts en once per (event, subject) with the events it
	// recorded; accept runs with the participation event share-locked, so
	// no entry slips past the close. A repeat returns the existing entry
	// and writes nothing.
	Create(ctx context.Context, en *domain.Entry, accept func(e *domain.ParticipationEvent) error) (*domain.Entry, error)
	// Mine returns the subject's entry with its draw result; NotFound
	// (NO_ENTRY_OF_YOURS) without one.
	Mine(ctx context.Context, eventID, subjectID string) (*domain.Entry, error)
	// IDs returns the entry ids in the canonical order.
	IDs(ctx context.Context, eventID string) ([]string, error)
	// Proofs returns each entry's id, pseudonym and time, by id.
	Proofs(ctx context.Context, eventID string) ([]domain.Entry, error)
	// ByID returns the entries with ids, by id.
	ByID(ctx context.Context, eventID string, ids []string) (map[string]domain.Entry, error)
	// ForgetSubject clears the contact tokens of the subject's entries and
	// replaces the masked name on their winner rows with replacement.
	ForgetSubject(ctx context.Context, subjectID, replacement string) error
}

// Winners is the repository of drawn winners (written with the draw, by
// ParticipationEvents.Update).
type Winners interface {
	// List returns the winners by rank.
	List(ctx context.Context, eventID string) ([]domain.Winner, error)
	// Update locks the winner (the participation event share-locked) and
	// lets fn change it; NotFound (WINNER_NOT_FOUND) for an unknown one.
	Update(ctx context.Context, eventID, winnerID string, fn func(w *domain.Winner) error) (*domain.Winner, error)
}

// ProgrammeBudgets is the repository of the yearly programme budgets.
type ProgrammeBudgets interface {
	// Update creates or locks the year's row and lets fn change it, with
	// Allocated the sum of the year's participation event budgets.
	Update(ctx context.Context, year int, fn func(pb *domain.ProgrammeBudget) error) (domain.ProgrammeBudget, error)
	// Report reports the year per participation event; NotFound
	// (NO_PROGRAMME_BUDGET) without a budget.
	Report(ctx context.Context, year int) (domain.BudgetReport, error)
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
