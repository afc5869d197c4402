package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
)

// CachedName returns a masked real name fetched at or after since.
func (r repo) CachedName(ctx context.Context, subject string, since time.Time) (string, error) {
	var name string
	err := r.q.QueryRow(ctx, `SELECT masked_name FROM author_names WHERE subject_id = $1 AND fetched_at >= $2`,
		subject, since).Scan(&name)
	return name, pg.MapError(err)
}

func (r repo) CacheName(ctx context.Context, subject, masked string, at time.Time) error {
	_, err := r.q.Exec(ctx, `INSERT INTO author_names (subject_id, masked_name, fetched_at) VALUES ($1, $2, $3)
		ON CONFLICT (subject_id) DO UPDATE SET masked_name = EXCLUDED.masked_name, fetched_at = EXCLUDED.fetched_at`,
		subject, masked, at)
	return pg.MapError(err)
}

// ForgetSubject drops the cached masked name and replaces it on the
// subject's items on real-name boards (elsewhere the display is a
// pseudonym, not a name).
func (r repo) ForgetSubject(ctx context.Context, subject, replacement string) error {
	if _, err := r.q.Exec(ctx, `DELETE FROM author_names WHERE subject_id = $1`, subject); err != nil {
		return pg.MapError(err)
	}
	_, err := r.q.Exec(ctx, `UPDATE items i SET author_display = $2, revision = i.revision + 1 FROM boards b
		WHERE b.id = i.board_id AND b.real_name_required AND i.author_subject = $1`, subject, replacement)
	return pg.MapError(err)
}

// unkeyedPseudonym matches the pseudonyms shown before they were keyed:
// "시민-" and six hex digits of an unkeyed hash.
const unkeyedPseudonym = `^시민-[0-9a-f]{6}$`

// names implements app.Names.
type names struct{ s *Store }

func (r names) Cached(ctx context.Context, subject string, since time.Time) (string, error) {
	return r.s.read().CachedName(ctx, subject, since)
}

func (r names) Cache(ctx context.Context, subject, masked string, at time.Time) error {
	return r.s.read().CacheName(ctx, subject, masked, at)
}

// Forget drops the name and replaces it on the items in one transaction
// (the consumer's inbox transaction, when the store is joined to it).
func (r names) Forget(ctx context.Context, subject, replacement string) error {
	return r.s.inTx(ctx, func(db repo, _ pgx.Tx) error { return db.ForgetSubject(ctx, subject, replacement) })
}

// maintenance implements app.Maintenance.
type maintenance struct{ s *Store }

// RekeyPseudonyms works in batches, each in its own
// transaction; rows another replica is re-keying are skipped and the
// result is the same whoever writes it.
func (m maintenance) RekeyPseudonyms(ctx context.Context, pseudonym func(boardID, subject string) string) error {
	for {
		n, err := m.s.rekeyBatch(ctx, pseudonym, 500)
		if err != nil || n == 0 {
			return err
		}
	}
}

func (s *Store) rekeyBatch(ctx context.Context, pseudonym func(boardID, subject string) string, limit int) (int, error) {
	var n int
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT i.id, i.board_id::text, i.author_subject FROM items i JOIN boards b ON b.id = i.board_id
			WHERE NOT b.real_name_required AND i.author_display ~ $1 LIMIT $2 FOR UPDATE OF i SKIP LOCKED`, unkeyedPseudonym, limit)
		if err != nil {
			return err
		}
		type row struct{ id, board, subject string }
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
			var x row
			return x, r.Scan(&x.id, &x.board, &x.subject)
		})
		if err != nil {
			return err
		}
		for _, x := range list {
			if _, err := tx.Exec(ctx, `UPDATE items SET author_display = $2, revision = revision + 1 WHERE id = $1`, x.id, pseudonym(x.board, x.subject)); err != nil {
				return err
			}
		}
		n = len(list)
		return nil
	})
	return n, pg.MapError(err)
}
