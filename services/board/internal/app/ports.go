package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// The store's repositories, one per aggregate. Writes are Create and
// Update(ctx, id, fn): the store owns the transaction, the lock mode and
// the lock order, runs fn on the aggregate it loaded under its lock and
// stores the result — with the events the aggregate recorded, in the same
// transaction — only when fn returns nil. Methods return errs kinds:
// NotFound for a missing row, AlreadyExists for a unique clash.

// Boards stores the boards.
type Boards interface {
	// Create stores b, unless its creator already made a board under
	// b.RequestID: then it returns that board (a retry).
	Create(ctx context.Context, b domain.Board) (domain.Board, error)
	Get(ctx context.Context, id string) (domain.Board, error)
	List(ctx context.Context) ([]domain.Board, error)
	// Update changes a board under its row lock, as its next revision.
	Update(ctx context.Context, id string, fn func(*domain.Board) error) (domain.Board, error)
}

// Items stores posts and comments, each with its moderation case (flags,
// reports, place in the queue) and the decisions made on it.
type Items interface {
	Get(ctx context.Context, id string) (domain.Item, error)
	// ByRequest is the item subject created under requestID (NotFound: none).
	ByRequest(ctx context.Context, subject string, kind domain.Kind, requestID string) (domain.Item, error)
	// List pages a board's posts or a post's comments; the store owns the
	// token (bound to the query).
	List(ctx context.Context, q ItemQuery, page pagetoken.Page) ([]domain.Item, string, error)
	// Create stores a new item under its author's lock, so two identical
	// texts sent at once cannot both pass the repeat check (A5.8): when
	// the author already made an item under it.RequestID it returns that
	// one and created false (a retry); otherwise fn gets the item, its new
	// case and the author's earlier texts, and the item is stored with
	// its case when fn returns nil.
	Create(ctx context.Context, it domain.Item, fn func(*domain.Item, *domain.Case, AuthorTexts) error) (domain.Item, bool, error)
	// Update runs fn on the item and its case under the item's lock and
	// stores what changed (the item as its next revision, new flags and
	// reports, the case, the decisions the item recorded).
	Update(ctx context.Context, id string, fn func(*domain.Item, *domain.Case, AuthorTexts) error) (domain.Item, error)
}

// AuthorTexts reads an author's earlier texts for the repeat check (A5.8)
// inside a Create or Update, under the author's lock (the store takes it).
type AuthorTexts interface {
	// Similar lists the author's texts since the window start, on every
	// board, that share an index bucket with buckets: the candidates.
	Similar(ctx context.Context, subject string, since time.Time, excludeID string, buckets []int64) ([]Prior, error)
}

// Cases reads the moderation queue.
type Cases interface {
	// Queue pages the open cases, most urgent first.
	Queue(ctx context.Context, page pagetoken.Page) ([]domain.Case, string, error)
	// Signals returns an item's flags and reports, oldest first.
	Signals(ctx context.Context, itemID string) ([]domain.Flag, []domain.Report, error)
}

// Decisions reads the statements of reasons (they are stored with their
// item: Items.Update).
type Decisions interface {
	Get(ctx context.Context, id string) (domain.Decision, error)
	// PublicLog pages hides, removals and reversals, newest first,
	// overall or of one board.
	PublicLog(ctx context.Context, boardID string, page pagetoken.Page) ([]domain.Decision, string, error)
	Transparency(ctx context.Context, from, to time.Time, boardID string) (Report, error)
}

// Appeals stores the authors' appeals.
type Appeals interface {
	Get(ctx context.Context, id string) (domain.Appeal, error)
	// List pages appeals newest first, optionally of one status.
	List(ctx context.Context, status domain.AppealStatus, page pagetoken.Page) ([]domain.Appeal, string, error)
	// File runs fn under the lock of the decided item with the decision,
	// the item and the appeal already filed against the decision (nil:
	// none) and stores the appeal fn returns when it is new.
	File(ctx context.Context, decisionID string, fn func(d domain.Decision, it domain.Item, filed *domain.Appeal) (domain.Appeal, error)) (domain.Appeal, domain.Decision, error)
	// Decide runs fn under the appeal's lock, then its item's, with the
	// appeal, the decision appealed against, the item and its case, and
	// stores the appeal, the item and the case as fn leaves them.
	Decide(ctx context.Context, id string, fn func(a *domain.Appeal, d domain.Decision, it *domain.Item, cs *domain.Case) error) (domain.Appeal, domain.Decision, error)
}

// ScreeningWords stores the word lists moderators keep, versioned and
// audited: each change is the lists' next version.
type ScreeningWords interface {
	// InForce returns the words in force and the lists' version they make;
	// Version only the version (0: not seeded).
	InForce(ctx context.Context) ([]domain.ScreeningWord, int64, error)
	Version(ctx context.Context) (int64, error)
	List(ctx context.Context, list domain.WordList, page pagetoken.Page) ([]domain.ScreeningWord, string, error)
	Changes(ctx context.Context, page pagetoken.Page) ([]domain.WordChange, string, error)
	// Add stores w as the next version with its audit entry;
	// AlreadyExists for a word in force on its list.
	Add(ctx context.Context, w domain.ScreeningWord, by, reason string) (domain.ScreeningWord, error)
	// Remove takes a word in force off its list as the next version;
	// NotFound for no such word in force.
	Remove(ctx context.Context, id, by, reason string, at time.Time) (int64, error)
	// Seed stores the initial lists once, as the system's changes.
	Seed(ctx context.Context, words []domain.ScreeningWord, reason string) error
}

// Names caches the authors' masked real names (A5.7).
type Names interface {
	// Cached is a masked name fetched at or after since (NotFound: none).
	Cached(ctx context.Context, subject string, since time.Time) (string, error)
	Cache(ctx context.Context, subject, masked string, at time.Time) error
	// Forget drops the subject's cached name and shows replacement on their
	// items on real-name boards.
	Forget(ctx context.Context, subject, replacement string) error
}

// Maintenance is the start-up work on stored texts.
type Maintenance interface {
	// RekeyPseudonyms replaces the unkeyed pseudonyms of items on boards
	// without real names with pseudonym(board, author).
	RekeyPseudonyms(ctx context.Context, pseudonym func(boardID, subject string) string) error
	// FillBuckets computes the repeat-check buckets of the texts written
	// since the window start that have none yet; safe with replicas.
	FillBuckets(ctx context.Context, since time.Time, buckets func(author, canonical string) []int64) (int, error)
}

// Privacy is what the service asks of the privacy service, the only holder
// of personal data (A10): the suite's one client (services/privacy/client)
// satisfies it, and its clienttest.Fake in app tests. Its errors follow the
// client's one table (a refusal keeps its kind: 403, 401; an outage is 503;
// anything else Internal).
type Privacy interface {
	// MaskedName returns the subject's masked real name (홍*동, A5.7);
	// NotFound when the privacy service holds no name for the subject.
	MaskedName(ctx context.Context, subject string) (string, error)
}

// ItemQuery selects a board's posts (newest first) or a post's comments
// (oldest first).
type ItemQuery struct {
	Kind    domain.Kind
	BoardID string
	PostID  string
	// WithPendingOf also lists pending items of this subject (their author);
	// moderators (AllPending) see every pending item.
	WithPendingOf string
	AllPending    bool
}

// Prior is one of an author's recent texts (A5.8).
type Prior struct {
	ID        string
	Kind      domain.Kind
	Canonical string
}

// Report is the transparency report of a period (A5.0): counts only.
type Report struct {
	From, To               time.Time
	RemovalsByGround       map[domain.Ground]int64
	Removals, Hides, Keeps int64
	Restorations           int64
	ReportsFiled           int64
	FlagsRaised            int64
	Decisions              int64
	AutomatedDetections    int64
	AutomatedDecisions     int64
	MedianSecondsToDecide  float64
	AppealsFiled           int64
	AppealsDecided         int64
	Reversals              int64
}
