package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
)

// Kind is what an item is: a post or a comment on a post.
type Kind string

const (
	KindPost    Kind = "post"
	KindComment Kind = "comment"
)

// Status is the stored state of an item.
type Status string

const (
	StatusPending   Status = "pending"   // awaiting approval (pre-moderation)
	StatusVisible   Status = "visible"   // public
	StatusHidden    Status = "hidden"    // temporarily hidden pending review
	StatusRemoved   Status = "removed"   // removed under a ground; tombstone (A5.0)
	StatusWithdrawn Status = "withdrawn" // taken back by the author
)

// Item is a post or a comment. Comments carry their post in PostID; a
// post's PostID is its own id.
type Item struct {
	ID            string
	Kind          Kind
	BoardID       string
	PostID        string
	AuthorSubject string
	AuthorDisplay string
	RequestID     string
	Title         string
	Body          string
	Canonical     string // duplicate-comparison form (A5.8)
	// Buckets index Canonical for the repeat check (A5.8): set when the
	// text is written, nil when it is not being changed.
	Buckets            []int64
	Status             Status
	HiddenUntil        *time.Time
	Removal            *Decision // the removal behind a tombstone
	Published          bool      // a created event went out (mileage awarded)
	PersonalDataMasked bool
	// PersonalDataKinds are the kinds of personal data masked in the text
	// (platform/personaldata), shown to the author only.
	PersonalDataKinds []string
	CreatedAt         time.Time
	UpdatedAt         time.Time
	// Revision counts every stored change (see Etag).
	Revision int64
}

// Etag identifies the item's state at now (AIP-154): its revision, and
// whether a temporary hide has lapsed since, which changes what readers
// see without a stored change.
func (i Item) Etag(now time.Time) string {
	tag := etag.Of(i.Revision)
	if i.EffectiveStatus(now) != i.Status {
		tag += "-" + string(i.EffectiveStatus(now))
	}
	return tag
}

// EffectiveStatus is the status at now: a temporary hide lapses by itself
// when its period ends without a decision (at most 30 days).
func (i Item) EffectiveStatus(now time.Time) Status {
	if i.Status == StatusHidden && i.HiddenUntil != nil && !now.Before(*i.HiddenUntil) {
		return StatusVisible
	}
	return i.Status
}

// HiddenBy reports whether hide d is what keeps the item hidden at now.
func (i Item) HiddenBy(d Decision, now time.Time) bool {
	return d.Outcome == OutcomeHide && i.EffectiveStatus(now) == StatusHidden &&
		i.HiddenUntil != nil && d.HiddenUntil != nil && i.HiddenUntil.Equal(*d.HiddenUntil)
}

// IsAuthor reports whether c wrote the item.
func (i Item) IsAuthor(c identity.Claims) bool {
	return !c.Anonymous() && c.Subject == i.AuthorSubject
}

// Viewable decides whether c may see the item at all. Pending items are
// seen by their author and moderators only; everything else is public,
// though a removed one only as its tombstone (see ShowsText).
func (i Item) Viewable(c identity.Claims, now time.Time) bool {
	if i.EffectiveStatus(now) == StatusPending {
		return i.IsAuthor(c) || c.Moderates(i.BoardID)
	}
	return true
}

// ShowsText decides whether c sees the title and body. The public sees a
// removed item only as its tombstone, a hidden one not at all, a withdrawn
// one as withdrawn; the author and moderators still see the text (they
// need it to appeal and review).
func (i Item) ShowsText(c identity.Claims, now time.Time) bool {
	switch i.EffectiveStatus(now) {
	case StatusVisible:
		return true
	case StatusWithdrawn:
		return false
	}
	return i.IsAuthor(c) || c.Moderates(i.BoardID)
}

// ValidatePost checks a post's title and body.
func ValidatePost(title, body string) error {
	var v errs.Violations
	checkText(&v, "title", title, MaxTitle)
	checkText(&v, "body", body, MaxBody)
	return v.Err()
}

// ValidateComment checks a comment's body.
func ValidateComment(body string) error {
	var v errs.Violations
	checkText(&v, "body", body, MaxComment)
	return v.Err()
}

// MayEdit allows the author to edit or withdraw while the item is not
// removed or withdrawn (a removed item is changed only by an appeal).
func (i Item) MayEdit(c identity.Claims) error {
	if !i.IsAuthor(c) {
		return errs.PermissionDenied("AUTHOR_ONLY", "kind", i.Kind)
	}
	switch i.Status {
	case StatusRemoved:
		return errs.FailedPrecondition("ITEM_REMOVED", "kind", i.Kind)
	case StatusWithdrawn:
		return errs.FailedPrecondition("ITEM_WITHDRAWN", "kind", i.Kind)
	}
	return nil
}
