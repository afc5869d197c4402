package domain

import "time"

// Event is a fact the service publishes (internal/events encodes each to
// its subject and events.proto message). Events carry ids, codes and times,
// never personal data or texts: the author is an opaque subject id.
type Event interface{ isEvent() }

// ItemPublished: a post or comment became public, at once or when a
// moderator kept it on a pre-moderated board (its award is due).
type ItemPublished struct {
	ItemID, PostID, BoardID, AuthorSubject string
	Kind                                   Kind
	At                                     time.Time
}

// ItemRemoved: a published item was removed under a ground (A5.0), so its
// award is clawed back.
type ItemRemoved struct {
	ItemID, PostID, BoardID, AuthorSubject string
	Kind                                   Kind
	Ground                                 Ground
	DecisionID, DepartmentCode             string
	At                                     time.Time
}

// ItemRestored: a removal was reversed on appeal.
type ItemRestored struct {
	ItemID, PostID, BoardID, AuthorSubject string
	Kind                                   Kind
	DecisionID, OverturnedDecisionID       string
	OverturnedGround                       Ground
	At                                     time.Time
}

// ItemWithdrawn: the author took back a published item, so its award is
// clawed back like a removal's.
type ItemWithdrawn struct {
	ItemID, PostID, BoardID, AuthorSubject string
	Kind                                   Kind
	At                                     time.Time
}

// ReportFiled: a person reported an item for the first time (the reporter
// is not named).
type ReportFiled struct {
	ReportID, ItemID string
	Kind             Kind
	Ground           Ground
	At               time.Time
}

func (ItemPublished) isEvent() {}
func (ItemRemoved) isEvent()   {}
func (ItemRestored) isEvent()  {}
func (ItemWithdrawn) isEvent() {}
func (ReportFiled) isEvent()   {}
