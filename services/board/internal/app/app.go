// Package app holds the board service's use cases, one per file named after
// its RPC, and the ports they need (ports.go): the store and the privacy
// service for masked real names. Authorization is decided here.
package app

import (
	"time"

	"github.com/google/uuid"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// App is the board service's use cases over their ports.
type App struct {
	boards      Boards
	items       Items
	cases       Cases
	decisions   Decisions
	appeals     Appeals
	words       ScreeningWords
	names       Names
	maintenance Maintenance
	privacy     Privacy
	set         Settings
	now         clock.Clock
	screeners   screeners
}

// Ports are what App needs from outside.
type Ports struct {
	Boards         Boards
	Items          Items
	Cases          Cases
	Decisions      Decisions
	Appeals        Appeals
	ScreeningWords ScreeningWords
	Names          Names
	Maintenance    Maintenance
	Privacy        Privacy
	// Screener is the matcher of the initial word lists (words.txt), used
	// until the lists are seeded in the database.
	Screener *screening.Screener
}

// Settings are the service's rules that configuration chooses.
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

// New returns the use cases over p with settings s; now is the service's
// clock (clock.System when nil; tests pass a fake one).
func New(p Ports, s Settings, now clock.Clock) *App {
	return &App{boards: p.Boards, items: p.Items, cases: p.Cases, decisions: p.Decisions, appeals: p.Appeals,
		words: p.ScreeningWords, names: p.Names, maintenance: p.Maintenance, privacy: p.Privacy, set: s,
		now: clock.Or(now), screeners: screeners{current: p.Screener}}
}

// newID returns a time-ordered id (UUIDv7), so ordering by id is ordering
// by creation and keyset pagination is stable.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// Page sizes.
const (
	defaultPage = 20
	maxPage     = 100
)

// pageSize clamps a requested page size; negative is bad input.
func pageSize(n int32) (int, error) { return pagetoken.Size(int(n), defaultPage, maxPage) }

// requireID checks that an id field is a well-formed id, so a malformed
// one is bad input rather than "not found".
func requireID(field, id string) error {
	if id == "" {
		return errs.Invalid(field, "REQUIRED")
	}
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid(field, "NOT_UUID")
	}
	return nil
}

// mergeInvalid adds the violations of a validation error to v and returns
// v's error, so every bad field is named at once.
func mergeInvalid(v *errs.Violations, err error) error {
	v.Merge(err)
	return v.Err()
}

// mask is how the texts around moderation — a report's text, an appeal's
// reason and resolution, a statement's explanation and facts — are stored:
// with personal data masked (A10.1). Moderators need what was said, not
// whose number it was; posts and comments go through Screen, which also
// flags what it masked.
func mask(text string) string { return personaldata.Mask(text).Text }
