// Package postgres is the board service's storage: all SQL, private row
// scanning, SQLSTATE → error kinds via pg.MapError, and the outbox of each
// transaction.
package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/events"
)

// querier is what both the pool and a transaction offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// repo implements app.Repo on a querier.
type repo struct{ q querier }

// Store implements app.Store on a pool.
type Store struct {
	repo
	pool *pgxpool.Pool
}

// New returns the store over pool.
func New(pool *pgxpool.Pool) *Store { return &Store{repo: repo{q: pool}, pool: pool} }

// txRepo is the store inside a transaction, with its outbox.
type txRepo struct {
	repo
	events.Outbox
}

// InTx runs fn in one transaction; its events commit with it.
func (s *Store) InTx(ctx context.Context, fn func(tx app.Tx) error) error {
	return pg.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		return fn(txRepo{repo: repo{q: tx}, Outbox: events.Outbox{Tx: tx}})
	})
}

// OnTx is the repository on a transaction someone else opened (the event
// consumer's, which also records the event id).
func OnTx(tx pgx.Tx) app.Repo { return repo{q: tx} }

var _ app.Store = (*Store)(nil)
