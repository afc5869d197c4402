package domain

import "time"

// Event is something that happened in the domain; the repository writes
// it to the outbox in the transaction of the change.
type Event interface{ isEvent() }

// Action names an item transition kept in the item's history.
type Action string

// The item transitions.
const (
	ActionPublished   Action = "published"
	ActionUpdated     Action = "updated"
	ActionVerified    Action = "verified"
	ActionArchived    Action = "archived"
	ActionBecameStale Action = "stale"
)

// ItemChanged is a transition of an item, with ids, department and kind
// but never bodies.
type ItemChanged struct {
	Action         Action
	ItemID         string
	DepartmentCode string
	Kind           Kind
	Revision       int
	ReviewDue      time.Time
	At             time.Time
	Actor          string
	// ChangedFields and Note describe a new revision.
	ChangedFields []string
	Note          string
}

// NewRevision reports whether the transition made a published revision.
func (e ItemChanged) NewRevision() bool {
	return e.Action == ActionPublished || e.Action == ActionUpdated
}

func (ItemChanged) isEvent() {}
