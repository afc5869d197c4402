package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Departments is the department directory.
type Departments interface {
	List(ctx context.Context) ([]domain.Department, error)
	// Get returns NotFound for an unknown code.
	Get(ctx context.Context, code string) (domain.Department, error)
	// Put creates or replaces; FailedPrecondition for an unknown parent.
	Put(ctx context.Context, d *domain.Department, check func(stored *domain.Department) error) error
}

// Items stores content items. Writes persist the item's recorded events
// (history, revisions, outbox) in the same transaction.
type Items interface {
	// Create stores a new item; with a request id already used it returns
	// the item created then instead. AlreadyExists for a taken slug,
	// FailedPrecondition for an unknown department.
	Create(ctx context.Context, it *domain.Item, requestID string) (*domain.Item, error)
	// Get and GetBySlug return NotFound when there is no such item.
	Get(ctx context.Context, id string) (*domain.Item, error)
	GetBySlug(ctx context.Context, slug string) (*domain.Item, error)
	// Update locks the item, applies fn and stores the result.
	Update(ctx context.Context, id string, fn func(*domain.Item) error) (*domain.Item, error)
	List(ctx context.Context, f ItemFilter, p pagetoken.Page) ([]*domain.Item, string, error)
	Search(ctx context.Context, q SearchQuery, p pagetoken.Page) ([]SearchHit, string, error)
	// ListStale lists a department's published items overdue at now.
	ListStale(ctx context.Context, department string, now time.Time, p pagetoken.Page) ([]*domain.Item, string, error)
	Revisions(ctx context.Context, id string) ([]domain.Revision, error)
	// ClaimStale locks up to limit published items overdue at now and not
	// yet announced, skipping rows other replicas hold, applies fn to each
	// and stores them, all in one transaction. It returns how many it saw.
	ClaimStale(ctx context.Context, now time.Time, limit int, fn func(*domain.Item) error) (int, error)
}

// Feedback stores citizens' opinions.
type Feedback interface {
	// Add stores f and its FeedbackGiven event; AlreadyExists when the
	// subject already gave feedback on the item.
	Add(ctx context.Context, f domain.Feedback) (domain.Feedback, error)
	List(ctx context.Context, f FeedbackFilter, p pagetoken.Page) ([]domain.Feedback, domain.FeedbackSummary, string, error)
}

// History reads the immutable history the scorecard is computed from.
type History interface {
	// SnapshotAt rebuilds every item published at instant at.
	SnapshotAt(ctx context.Context, at time.Time) ([]domain.Snapshot, error)
	// FeedbackBetween totals feedback given in [from, to) per department.
	FeedbackBetween(ctx context.Context, from, to time.Time) (map[string]domain.FeedbackSummary, error)
	// ComplaintsAt counts each department's complaint handling in
	// [from, e.At) from the facts recorded by e.AsOf.
	ComplaintsAt(ctx context.Context, from time.Time, e domain.Evaluation) (map[string]domain.ComplaintHandling, error)
	// ModerationAt counts each department's removals in [from, e.At) and
	// those overturned on appeal before e.At, from the facts recorded by
	// e.AsOf.
	ModerationAt(ctx context.Context, from time.Time, e domain.Evaluation) (map[string]domain.ModerationReview, error)
}

// Facts keeps what other services announced about departments' work (the
// department evaluation's read model, fed by their events). Adding a fact
// whose event is already kept changes nothing.
type Facts interface {
	AddComplaint(ctx context.Context, f domain.ComplaintFact) error
	AddModeration(ctx context.Context, f domain.ModerationFact) error
}

// Views counts reads without writing on the read path.
type Views interface {
	// Record counts one view in memory.
	Record(itemID string)
	// Flush writes the counted views and reports for how many items.
	Flush(ctx context.Context) (int, error)
}

// ItemFilter selects items for ListItems.
type ItemFilter struct {
	Kind       domain.Kind
	Department string
	Tag        string
	Language   string
	Status     domain.Status
}

// SearchQuery is a search over published items. Language only chooses
// how hits are served; every language is searched.
type SearchQuery struct {
	Text       string
	Kind       domain.Kind
	Department string
	Language   string
}

// SearchHit is a found item with its relevance.
type SearchHit struct {
	Item  *domain.Item
	Score float32
}

// FeedbackFilter selects feedback of a department, optionally one item.
type FeedbackFilter struct {
	Department string
	ItemID     string
}

// ReadCache keeps published items as the anonymous public reads them
// (readcache.Cache; nil keeps nothing). Kept items are shared between
// readers and never modified.
type ReadCache interface {
	// Get returns the item kept under key (an item's id, or "slug:" and
	// its slug), if it is current.
	Get(key string) (*domain.Item, bool)
	// Generation is taken before the read whose item is Put.
	Generation() uint64
	Put(key string, it *domain.Item, gen uint64)
}
