package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// Repo is the board service's storage. Methods return errs kinds: NotFound
// for a missing row, AlreadyExists for a unique clash.
type Repo interface {
	InsertBoard(ctx context.Context, b domain.Board) error
	BoardByRequest(ctx context.Context, createdBy, requestID string) (domain.Board, error)
	GetBoard(ctx context.Context, id string) (domain.Board, error)
	ListBoards(ctx context.Context) ([]domain.Board, error)

	// LockAuthor serialises one author's creates, so two identical posts
	// sent at once cannot both pass the repeat check (A5.8).
	LockAuthor(ctx context.Context, subject string) error
	ItemByRequest(ctx context.Context, subject string, kind domain.Kind, requestID string) (domain.Item, error)
	InsertItem(ctx context.Context, it domain.Item) error
	GetItem(ctx context.Context, id string, forUpdate bool) (domain.Item, error)
	UpdateItem(ctx context.Context, it *domain.Item) error
	ListItems(ctx context.Context, q ItemQuery) ([]domain.Item, error)
	// SimilarByAuthor lists the author's texts since the window start, on
	// every board, that share an index bucket with buckets (A5.8): the
	// candidates for the repeat check.
	SimilarByAuthor(ctx context.Context, subject string, since time.Time, excludeID string, buckets []int64) ([]Prior, error)

	AddFlags(ctx context.Context, flags []domain.Flag) error
	AddReport(ctx context.Context, r domain.Report) (domain.Report, bool, error)
	Signals(ctx context.Context, itemID string) ([]domain.Flag, []domain.Report, error)
	OpenCase(ctx context.Context, itemID string, urgency float64, at time.Time) error
	GetCase(ctx context.Context, itemID string) (Case, error)
	CloseCase(ctx context.Context, itemID string) error
	Queue(ctx context.Context, after *QueueCursor, limit int) ([]Case, error)

	InsertDecision(ctx context.Context, d domain.Decision) error
	GetDecision(ctx context.Context, id string) (domain.Decision, error)
	PublicLog(ctx context.Context, boardID, afterID string, limit int) ([]domain.Decision, error)
	Transparency(ctx context.Context, from, to time.Time, boardID string) (Report, error)

	InsertAppeal(ctx context.Context, a domain.Appeal) error
	AppealByDecision(ctx context.Context, decisionID string) (domain.Appeal, error)
	GetAppeal(ctx context.Context, id string, forUpdate bool) (domain.Appeal, error)
	ListAppeals(ctx context.Context, status domain.AppealStatus, afterID string, limit int) ([]domain.Appeal, error)
	UpdateAppeal(ctx context.Context, a domain.Appeal) error

	// ScreeningWords returns the screening words in force and the lists'
	// version they make; WordsVersion only the version (0: not seeded).
	ScreeningWords(ctx context.Context) ([]domain.ScreeningWord, int64, error)
	WordsVersion(ctx context.Context) (int64, error)
	ListScreeningWords(ctx context.Context, list domain.WordList, page pagetoken.Page) ([]domain.ScreeningWord, string, error)
	// AddScreeningWord and RemoveScreeningWord change the lists as their
	// next version with its audit entry; they run in a transaction.
	// AlreadyExists for a word in force; NotFound for no such word in force.
	AddScreeningWord(ctx context.Context, w domain.ScreeningWord, by, reason string) (domain.ScreeningWord, error)
	RemoveScreeningWord(ctx context.Context, id, by, reason string, at time.Time) (int64, error)
	ListScreeningWordChanges(ctx context.Context, page pagetoken.Page) ([]domain.WordChange, string, error)

	CachedName(ctx context.Context, subject string, since time.Time) (string, error)
	CacheName(ctx context.Context, subject, masked string, at time.Time) error
	ForgetSubject(ctx context.Context, subject, replacement string) error
}

// Events publishes the service's domain events through the outbox of the
// current transaction. Payloads carry opaque subject ids only.
type Events interface {
	ItemPublished(ctx context.Context, it domain.Item) error
	ItemRemoved(ctx context.Context, it domain.Item, d domain.Decision) error
	ItemRestored(ctx context.Context, it domain.Item, d, overturned domain.Decision) error
	ItemWithdrawn(ctx context.Context, it domain.Item) error
	ReportFiled(ctx context.Context, r domain.Report, it domain.Item) error
}

// Tx is the store inside one transaction.
type Tx interface {
	Repo
	Events
}

// Store is the store outside transactions plus a way into one.
type Store interface {
	Repo
	InTx(ctx context.Context, fn func(tx Tx) error) error
	// UpdateBoard runs fn on the board under its row lock and stores the
	// result as its next revision when fn returns nil.
	UpdateBoard(ctx context.Context, id string, fn func(*domain.Board) error) (domain.Board, error)
	// RekeyPseudonyms replaces the unkeyed pseudonyms of items on boards
	// without real names with pseudonym(board, author).
	RekeyPseudonyms(ctx context.Context, pseudonym func(boardID, subject string) string) error
	// FillBuckets computes the repeat-check buckets of the texts written
	// since the window start that have none yet; safe with replicas.
	FillBuckets(ctx context.Context, since time.Time, buckets func(author, canonical string) []int64) (int, error)
	// SeedScreeningWords stores the initial word lists once, as the
	// system's changes with reason.
	SeedScreeningWords(ctx context.Context, words []domain.ScreeningWord, reason string) error
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

// ItemQuery lists a board's posts (newest first) or a post's comments
// (oldest first), after a keyset cursor.
type ItemQuery struct {
	Kind    domain.Kind
	BoardID string
	PostID  string
	AfterID string
	Limit   int
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

// Case is an item's entry in the moderation queue.
type Case struct {
	ItemID   string
	Open     bool
	Urgency  float64
	OpenedAt time.Time
}

// QueueCursor is the keyset position in the queue.
type QueueCursor struct {
	Urgency float64
	ItemID  string
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
