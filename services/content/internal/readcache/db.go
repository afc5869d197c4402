package readcache

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/pg"
)

// Invalidating returns db that empties c after every write through it (a
// transaction or a statement run alone), before the writer hears back: a
// caller reads its own write on this replica at once, without waiting for
// the event that tells the others. A failed one empties it too, as it may
// have committed before failing. Queries are reads: the store writes only
// with InTx and Exec.
func Invalidating(db pg.DB, c *Cache) pg.DB {
	if c == nil {
		return db
	}
	return invalidating{DB: db, c: c}
}

type invalidating struct {
	pg.DB
	c *Cache
}

func (d invalidating) InTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	defer d.c.Invalidate()
	return d.DB.InTx(ctx, fn)
}

func (d invalidating) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	defer d.c.Invalidate()
	return d.DB.Exec(ctx, sql, args...)
}
