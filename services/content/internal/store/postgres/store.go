// Package postgres is the content service's storage: all SQL lives here,
// behind the ports of package app. Rows are private structs; database
// errors are classified by SQLSTATE through pg.MapError.
package postgres

import (
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Store implements the app's repositories over one database: the pool for
// RPCs (pg.Pool), or a consumer's transaction (pg.Joined) so an event's
// effect commits with its inbox row.
type Store struct {
	db     pg.DB
	events outbox.Writer[domain.Event]
}

// New returns the store; events writes every domain event of a change to
// the outbox (the events package provides it, so storage knows nothing of
// subjects or payloads).
func New(db pg.DB, events outbox.Writer[domain.Event]) *Store {
	return &Store{db: db, events: events}
}

// Departments, Items, Feedback, History and Facts are the store seen through
// each port, so server wiring reads like the ports it fills.
func (s *Store) Departments() *Departments { return &Departments{s} }
func (s *Store) Items() *Items             { return &Items{s} }
func (s *Store) Feedback() *Feedback       { return &Feedback{s} }
func (s *Store) History() *History         { return &History{s} }
func (s *Store) Facts() *Facts             { return &Facts{s} }
