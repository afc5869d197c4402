package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Status is the editorial workflow: draft → in review → published →
// archived.
type Status string

// The workflow statuses.
const (
	StatusDraft     Status = "draft"
	StatusInReview  Status = "in_review"
	StatusPublished Status = "published"
	StatusArchived  Status = "archived"
)

// Item is a piece of information owned by a department (A3.1, A4.2).
// Transitions record events that the repository persists in the same
// transaction as the item (history, revisions, outbox).
type Item struct {
	ID string
	Content
	// BasedOn maps each language to the Korean version its text was written
	// against; a translation is stale when that is below KoVersion (A2).
	BasedOn   map[string]int
	KoVersion int
	Status    Status
	// Revision counts published revisions; Version counts every change
	// (optimistic concurrency).
	Revision         int
	Version          int64
	CreatedBy        string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	PublishedAt      time.Time
	LastVerifiedAt   time.Time
	NextReviewDue    time.Time
	StaleAnnouncedAt time.Time

	// Read-side figures, filled by the repository: the owning department
	// with its contact (A4.2), views and feedback totals.
	Department Department
	ViewCount  int64
	Feedback   FeedbackSummary

	events []Event
}

// NewItem is a fresh draft of validated content.
func NewItem(id string, c Content, actor string, now time.Time) *Item {
	it := &Item{ID: id, Content: c, KoVersion: 1, Status: StatusDraft, Version: 1,
		CreatedBy: actor, CreatedAt: now, UpdatedAt: now, BasedOn: map[string]int{}}
	for lang := range c.Texts {
		it.BasedOn[lang] = 1
	}
	return it
}

// Events returns what happened to the item since it was loaded.
func (it *Item) Events() []Event { return it.events }

// Replace sets new content. Translations written against an older Korean
// text become stale (A2). On a published item the change is a new revision
// and counts as a review (A4.1). It returns the changed field names.
func (it *Item) Replace(c Content, actor, note string, now time.Time, cycles ReviewCycles) ([]string, error) {
	if it.Status == StatusArchived {
		return nil, errs.FailedPrecondition("ITEM_ARCHIVED")
	}
	changed := changedFields(it.Content, c)
	if len(changed) == 0 {
		return nil, nil
	}
	if textChanged(it.Texts[Reference], c.Texts[Reference]) {
		it.KoVersion++
	}
	based := map[string]int{}
	for lang, t := range c.Texts {
		old, had := it.Texts[lang]
		if had && !textChanged(old, t) && lang != Reference {
			based[lang] = it.BasedOn[lang]
			continue
		}
		based[lang] = it.KoVersion
	}
	it.Content, it.BasedOn = c, based
	it.touch(now)
	if it.Status == StatusPublished {
		it.Revision++
		it.verify(now, cycles)
		it.record(ItemChanged{Action: ActionUpdated, Actor: actor, ChangedFields: changed, Note: note})
	}
	return changed, nil
}

// Submit moves a draft to review.
func (it *Item) Submit(now time.Time) error {
	if it.Status != StatusDraft {
		return errs.FailedPrecondition("ITEM_NOT_DRAFT", "status", it.Status)
	}
	it.Status = StatusInReview
	it.touch(now)
	return nil
}

// Publish makes an item in review public: a new revision, verified now.
// The department's contact is checked by the caller (A4.2).
func (it *Item) Publish(actor string, now time.Time, cycles ReviewCycles) error {
	if it.Status != StatusInReview {
		return errs.FailedPrecondition("ITEM_NOT_IN_REVIEW", "status", it.Status)
	}
	it.Status = StatusPublished
	it.Revision++
	it.PublishedAt = now
	it.touch(now)
	it.verify(now, cycles)
	it.record(ItemChanged{Action: ActionPublished, Actor: actor, ChangedFields: allFields(it.Content)})
	return nil
}

// Confirm records that an official checked the published item and it is
// still correct: the next review is due one cycle from now (A4.1).
func (it *Item) Confirm(actor string, now time.Time, cycles ReviewCycles) error {
	if it.Status != StatusPublished {
		return errs.FailedPrecondition("ITEM_NOT_PUBLISHED", "status", it.Status)
	}
	it.touch(now)
	it.verify(now, cycles)
	it.record(ItemChanged{Action: ActionVerified, Actor: actor})
	return nil
}

// Archive withdraws the item. Archiving an archived item changes nothing.
func (it *Item) Archive(actor string, now time.Time) {
	if it.Status == StatusArchived {
		return
	}
	it.Status = StatusArchived
	it.touch(now)
	it.record(ItemChanged{Action: ActionArchived, Actor: actor})
}

// IsStale reports whether the review of a published item is overdue at now.
func (it *Item) IsStale(now time.Time) bool {
	return it.Status == StatusPublished && !it.NextReviewDue.IsZero() && !now.Before(it.NextReviewDue)
}

// AnnounceStale marks the item's transition to stale as announced and
// records the event, once per transition: confirming or updating the item
// starts a new cycle that may be announced again (A4.1).
func (it *Item) AnnounceStale(now time.Time) bool {
	if !it.IsStale(now) || !it.StaleAnnouncedAt.IsZero() {
		return false
	}
	it.StaleAnnouncedAt = now
	it.record(ItemChanged{Action: ActionBecameStale})
	return true
}

// touch stamps a change. The time never goes back: changes of one item
// are made one at a time under its row lock, but by replicas whose clocks
// may differ slightly, and the history the scorecard reads must keep them
// in the order they happened (A4.3).
func (it *Item) touch(now time.Time) {
	it.UpdatedAt = latest(now, it.UpdatedAt)
	it.Version++
}

func latest(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

func (it *Item) verify(now time.Time, cycles ReviewCycles) {
	it.LastVerifiedAt = now
	it.NextReviewDue = now.Add(cycles.For(it.Kind))
	it.StaleAnnouncedAt = time.Time{}
}

func (it *Item) record(e ItemChanged) {
	e.ItemID, e.DepartmentCode, e.Kind = it.ID, it.DepartmentCode, it.Kind
	e.Revision, e.ReviewDue, e.At = it.Revision, it.NextReviewDue, it.UpdatedAt
	if e.Action == ActionBecameStale {
		e.At = it.StaleAnnouncedAt
	}
	it.events = append(it.events, e)
}
