// Package postgres is the petition service's storage: all SQL lives here.
// Complaint changes are written with their audit lines and outbox events in
// one transaction.
package postgres

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
)

// Store implements app.Store on PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
}

// New returns the store over pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pg.InTx(ctx, s.pool, fn)
}

// cursor is the keyset position of a page: (time, id) of the last row.
type cursor struct {
	at time.Time
	id string
}

func encodeCursor(at time.Time, id string) string {
	raw := fmt.Sprintf("%d|%s", at.UnixMicro(), id)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(token string) (*cursor, error) {
	if token == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil, errs.Invalid("page_token", "not a token from a previous page")
	}
	ts, id, ok := strings.Cut(string(raw), "|")
	var micros int64
	// The id must be a UUID: anything else (invalid UTF-8, NUL) would make
	// the query fail inside PostgreSQL instead of being refused here.
	if _, err := fmt.Sscan(ts, &micros); !ok || err != nil || uuid.Validate(id) != nil {
		return nil, errs.Invalid("page_token", "not a token from a previous page")
	}
	return &cursor{at: time.UnixMicro(micros), id: id}, nil
}

func pageSize(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
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
