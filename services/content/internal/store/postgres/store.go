// Package postgres is the content service's storage: all SQL lives here,
// behind the ports of package app. Rows are private structs; database
// errors are classified by SQLSTATE through pg.MapError.
package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// EventWriter writes a domain event to the outbox inside tx; the events
// package provides it, so storage knows nothing of subjects or payloads.
type EventWriter func(ctx context.Context, tx pgx.Tx, e domain.Event) error

// Store implements the app's repositories over one pool.
type Store struct {
	pool  *pgxpool.Pool
	write EventWriter
}

// New returns the store; write receives every domain event of a change.
func New(pool *pgxpool.Pool, write EventWriter) *Store {
	return &Store{pool: pool, write: write}
}

// Departments, Items, Feedback and History are the store seen through
// each port, so server wiring reads like the ports it fills.
func (s *Store) Departments() *Departments { return &Departments{s} }
func (s *Store) Items() *Items             { return &Items{s} }
func (s *Store) Feedback() *Feedback       { return &Feedback{s} }
func (s *Store) History() *History         { return &History{s} }
