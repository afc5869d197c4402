// Package postgres is the mail service's storage: all SQL, private row
// types, SQLSTATE mapped to error kinds, and the outbox writes of the
// events its aggregates recorded, in the transaction of the change.
package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Store is the mail service's database. Over pg.Pool each write is a
// transaction of its own; over pg.Joined (a consumer's inbox transaction)
// every write commits with the consumed event id.
type Store struct {
	db     pg.DB
	events outbox.Writer[domain.Event]
}

// New returns the store over db, writing recorded events with events.
func New(db pg.DB, events outbox.Writer[domain.Event]) *Store { return &Store{db: db, events: events} }

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func ignoreNotFound(err error) error {
	if errs.Is(err, errs.KindNotFound) {
		return nil
	}
	return err
}
