// Package postgres is the board service's storage: all SQL, private row
// scanning, SQLSTATE → error kinds via pg.MapError. Its repositories (one
// per aggregate, app/ports.go) own the transactions, lock modes and lock
// order, and write the events the aggregates recorded to the outbox in the
// transaction of the change.
package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// querier is what both the pool and a transaction offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// repo runs the service's statements on a querier: the pool (or the
// caller's transaction, pg.Joined) for reads, a transaction for writes.
type repo struct{ q querier }

// Store is the board service's storage over db — pg.Pool for RPCs and
// start-up work, pg.Joined(tx) for a consumer, so its effect commits with
// the event's inbox row — writing the aggregates' recorded events with
// events (events.Writer) in the transaction of the change.
type Store struct {
	db     pg.DB
	events outbox.Writer[domain.Event]
}

// New returns the store over db.
func New(db pg.DB, events outbox.Writer[domain.Event]) *Store { return &Store{db: db, events: events} }

// Ports are the store's repositories as the app's ports (the privacy
// client and the screener are the caller's to add).
func (s *Store) Ports() app.Ports {
	return app.Ports{Boards: boards{s}, Items: items{s}, Cases: cases{s}, Decisions: decisions{s},
		Appeals: appeals{s}, ScreeningWords: words{s}, Names: names{s}, Maintenance: maintenance{s}}
}

// read is the repository outside a transaction of the store's own.
func (s *Store) read() repo { return repo{q: s.db} }

// inTx runs fn in one transaction (or the caller's, when joined).
func (s *Store) inTx(ctx context.Context, fn func(r repo, tx pgx.Tx) error) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error { return fn(repo{q: tx}, tx) })
}

var (
	_ app.Boards         = boards{}
	_ app.Items          = items{}
	_ app.Cases          = cases{}
	_ app.Decisions      = decisions{}
	_ app.Appeals        = appeals{}
	_ app.ScreeningWords = words{}
	_ app.Names          = names{}
	_ app.Maintenance    = maintenance{}
)
