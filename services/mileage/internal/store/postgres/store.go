// Package postgres is the mileage service's store: all SQL, private row
// scanning, and SQLSTATE → error kinds. The ledger's integrity rules are
// enforced twice: by the posting code and by the database itself
// (immutable entries, balanced transactions checked at commit, citizens'
// balances that cannot go negative), see migrations/00001_init.sql.
//
// The store owns the transactions, lock modes and lock order of the
// app's repositories (repos.go): a unit of work on a citizen's account
// locks the account row first, then the award, redemption and lots it
// touches, and writes the wallet's changes and recorded events (through
// the injected outbox writer) in the same transaction.
package postgres

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// Store is the service's database.
type Store struct {
	db     pg.DB
	events outbox.Writer[domain.Event]
	// known caches system accounts seen committed, so a posting does not
	// re-create them every time.
	known *sync.Map
}

// New returns the store over db — pg.Pool for RPCs and jobs, pg.Joined(tx)
// for a consumer, so its effect commits with the event's inbox row — that
// writes the events recorded by the use cases with events (events.Writer)
// in the transaction of the change.
func New(db pg.DB, events outbox.Writer[domain.Event]) *Store {
	return &Store{db: db, events: events, known: &sync.Map{}}
}

// With is the store over another db (a consumer's pg.Joined), sharing
// the cache of known accounts.
func (s *Store) With(db pg.DB) *Store { return &Store{db: db, events: s.events, known: s.known} }

// inTx runs fn in one transaction (over a joined db: in the caller's).
func (s *Store) inTx(ctx context.Context, fn func(t *txStore) error) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error { return fn(&txStore{tx: tx, s: s}) })
}

// txStore is the store bound to one transaction.
type txStore struct {
	tx pgx.Tx
	s  *Store
}

// querier is what reads need: a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// nilIfNoRows turns "no row" into a nil result for optional lookups.
func nilIfNoRows[T any](v *T, err error) (*T, error) {
	if err == pgx.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}
