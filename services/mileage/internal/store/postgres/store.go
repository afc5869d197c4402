// Package postgres is the mileage service's store: all SQL, private row
// scanning, and SQLSTATE → error kinds. The ledger's integrity rules are
// enforced twice: by the posting code and by the database itself
// (immutable entries, balanced transactions checked at commit, citizens'
// balances that cannot go negative), see migrations/00001_init.sql.
package postgres

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
)

// Store is the service's database.
type Store struct {
	pool *pgxpool.Pool
	// known caches system accounts seen committed, so a posting does not
	// re-create them every time.
	known sync.Map
}

// New returns the store over pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// InTx runs fn in one transaction.
func (s *Store) InTx(ctx context.Context, fn func(app.Tx) error) error {
	return pg.InTx(ctx, s.pool, func(tx pgx.Tx) error { return fn(s.Bind(tx)) })
}

// Bind returns the store's operations inside tx; the event consumers use
// it with the transaction that also records the event in the inbox.
func (s *Store) Bind(tx pgx.Tx) app.Tx { return &txStore{tx: tx, s: s} }

// txStore is the store bound to one transaction.
type txStore struct {
	tx pgx.Tx
	s  *Store
	// lockedAccounts are the citizen accounts this transaction locked.
	lockedAccounts map[string]struct{}
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

// The store implements the application's ports.
var (
	_ app.Store = (*Store)(nil)
	_ app.Tx    = (*txStore)(nil)
)
