package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
)

// fillBatch bounds one transaction of FillBuckets.
const fillBatch = 500

// FillBuckets indexes the texts of the window that have no buckets yet, in
// short transactions; replicas starting together skip each other's rows
// (SKIP LOCKED), so each row is computed once.
func (m maintenance) FillBuckets(ctx context.Context, since time.Time, buckets func(author, canonical string) []int64) (int, error) {
	total := 0
	for {
		n := 0
		err := m.s.db.InTx(ctx, func(tx pgx.Tx) error {
			var err error
			n, err = fillOnce(ctx, tx, since, buckets)
			return err
		})
		total += n
		if err != nil || n < fillBatch {
			return total, err
		}
	}
}

type unindexed struct{ id, author, canonical string }

func fillOnce(ctx context.Context, tx pgx.Tx, since time.Time, buckets func(author, canonical string) []int64) (int, error) {
	rows, err := tx.Query(ctx, `SELECT id, author_subject, canonical FROM items
		WHERE NOT lsh_indexed AND created_at >= $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
		since, fillBatch)
	if err != nil {
		return 0, pg.MapError(err)
	}
	todo, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (unindexed, error) {
		var u unindexed
		return u, row.Scan(&u.id, &u.author, &u.canonical)
	})
	if err != nil {
		return 0, pg.MapError(err)
	}
	for _, u := range todo {
		if err := (repo{q: tx}).index(ctx, u.id, buckets(u.author, u.canonical)); err != nil {
			return 0, err
		}
	}
	return len(todo), nil
}
