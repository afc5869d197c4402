package app

import (
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// Settings are the service's tunable rules.
type Settings struct {
	// DuplicateWindow is how far back an author's texts are compared (A5.8).
	DuplicateWindow time.Duration
	// DuplicateThreshold is the 2-gram Jaccard similarity that flags a
	// near-duplicate.
	DuplicateThreshold float64
	// DuplicateMinRunes: shorter texts are not compared.
	DuplicateMinRunes int
	// AppealWindow is how long after a removal its author may appeal.
	AppealWindow time.Duration
	// NameCacheTTL is how long a masked real name is reused.
	NameCacheTTL time.Duration
	// PseudonymKey keys the authors' pseudonyms (domain.Pseudonym).
	PseudonymKey []byte
}

// Service implements the use cases.
type Service struct {
	store  Store
	names  Privacy
	screen *screening.Screener
	set    Settings
	now    func() time.Time
	words  screeners
}

// New wires the use cases.
func New(store Store, names Privacy, screen *screening.Screener, set Settings) *Service {
	return &Service{store: store, names: names, screen: screen, set: set,
		now: func() time.Time { return time.Now().UTC() }, words: screeners{current: screen}}
}

// newID returns a time-ordered id (UUIDv7), so ordering by id is ordering
// by creation and keyset pagination is stable.
func newID() string { return uuid.Must(uuid.NewV7()).String() }
