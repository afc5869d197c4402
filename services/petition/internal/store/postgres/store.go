// Package postgres is the petition service's storage: all SQL lives here.
// Complaint changes are written with their audit lines and outbox events in
// one transaction.
package postgres

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// Store implements app.Store on PostgreSQL.
type Store struct {
	db     pg.DB
	events outbox.Writer[domain.Event]
}

// New returns the store over db — pg.Pool for RPCs and jobs, pg.Joined(tx)
// for a consumer, so its effect commits with the event's inbox row — that
// writes the events the aggregates recorded with events (events.Writer),
// in the transaction of the change.
func New(db pg.DB, events outbox.Writer[domain.Event]) *Store { return &Store{db: db, events: events} }

func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return s.db.InTx(ctx, fn)
}

// cursor is the keyset position of a page: (time, id) of the last row.
type cursor struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

// encodeCursor makes the token of the page after (at, id) in the list query
// fingerprints (complaintQuery, opinionQuery): replayed with other filters
// it is refused, not served as a wrong page.
func encodeCursor(query string, at time.Time, id string) string {
	return pagetoken.EncodeFor(query, cursor{At: at, ID: id})
}

func decodeCursor(token, query string) (*cursor, error) {
	var c cursor
	ok, err := pagetoken.DecodeFor(token, query, &c)
	if !ok || err != nil {
		return nil, err
	}
	// The id must be a UUID: anything else (invalid UTF-8, NUL) would make
	// the query fail inside PostgreSQL instead of being refused here.
	if uuid.Validate(c.ID) != nil {
		return nil, pagetoken.Invalid()
	}
	return &c, nil
}

// nullTime maps the zero time to NULL.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// nullText maps "" to NULL (request ids: NULLs never collide in UNIQUE).
func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
