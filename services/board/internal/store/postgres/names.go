package postgres

import (
	"context"
	"time"

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
