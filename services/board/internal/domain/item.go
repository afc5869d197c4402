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

	events    []Event
	decisions []Decision
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

// Events returns what happened to the item since it was loaded.
func (i *Item) Events() []Event { return i.events }

// Decisions returns the decisions made on the item since it was loaded,
// stored with it.
func (i *Item) Decisions() []Decision { return i.decisions }

// Submit puts a new item on its board: public at once, or pending a
// moderator on a pre-moderated board (A5).
func (i *Item) Submit(mode ModerationMode) {
	i.Status, i.Published = StatusVisible, true
	if mode == ModerationPre {
		i.Status, i.Published = StatusPending, false
		return
	}
	i.record(i.publishedEvent())
}

// Withdraw takes the item back for its author. A published item's
// withdrawal is announced, so its award is clawed back like a removal's.
func (i *Item) Withdraw(now time.Time) {
	i.Status, i.HiddenUntil, i.UpdatedAt = StatusWithdrawn, nil, now
	if i.Published {
		i.record(ItemWithdrawn{ItemID: i.ID, PostID: i.PostID, BoardID: i.BoardID, AuthorSubject: i.AuthorSubject,
			Kind: i.Kind, At: i.UpdatedAt})
	}
}

// Apply changes the item as moderator decision d says and records d. A
// keep publishes a pending item; a removal of a published item is
// announced so its award is clawed back.
func (i *Item) Apply(d Decision) {
	i.decisions = append(i.decisions, d)
	i.UpdatedAt = d.DecidedAt
	wasPublished := i.Published
	switch d.Outcome {
	case OutcomeKeep:
		i.Status, i.HiddenUntil, i.Published = StatusVisible, nil, true
		if !wasPublished {
			i.record(i.publishedEvent())
		}
	case OutcomeHide:
		i.Status, i.HiddenUntil = StatusHidden, d.HiddenUntil
	case OutcomeRemove:
		i.Status, i.HiddenUntil, i.Removal = StatusRemoved, nil, &d
		if wasPublished {
			i.record(ItemRemoved{ItemID: i.ID, PostID: i.PostID, BoardID: i.BoardID, AuthorSubject: i.AuthorSubject,
				Kind: i.Kind, Ground: d.Ground, DecisionID: d.ID, DepartmentCode: d.DepartmentCode, At: d.DecidedAt})
		}
	}
}

// Restore reverses decision overturned on appeal with restoration d and
// records d. A reversed removal puts the item back (announced when it was
// published, so its award is given back); a reversed hide ends the hide if
// it still holds — one that lapsed or was followed by another decision is
// only declared wrong.
func (i *Item) Restore(d, overturned Decision) {
	i.decisions = append(i.decisions, d)
	if overturned.Outcome == OutcomeHide {
		if i.HiddenBy(overturned, d.DecidedAt) {
			i.Status, i.HiddenUntil, i.UpdatedAt = StatusVisible, nil, d.DecidedAt
		}
		return
	}
	i.Status, i.Removal, i.UpdatedAt = StatusVisible, nil, d.DecidedAt
	if i.Published {
		i.record(ItemRestored{ItemID: i.ID, PostID: i.PostID, BoardID: i.BoardID, AuthorSubject: i.AuthorSubject,
			Kind: i.Kind, DecisionID: d.ID, OverturnedDecisionID: overturned.ID, OverturnedGround: overturned.Ground,
			At: d.DecidedAt})
	}
}

func (i *Item) publishedEvent() ItemPublished {
	return ItemPublished{ItemID: i.ID, PostID: i.PostID, BoardID: i.BoardID, AuthorSubject: i.AuthorSubject,
		Kind: i.Kind, At: i.UpdatedAt}
}

func (i *Item) record(e Event) { i.events = append(i.events, e) }
