package postgres

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pg"
)

// Preferences stores which categories subjects set.
type Preferences struct{ s *Store }

// Preferences returns the preference repository.
func (s *Store) Preferences() *Preferences { return &Preferences{s} }

// Get returns the categories the subject set.
func (r *Preferences) Get(ctx context.Context, subject string) (map[string]bool, error) {
	rows, err := r.s.db.Query(ctx, `SELECT category, enabled FROM preferences WHERE subject_id = $1`, subject)
	if err != nil {
		return nil, pg.MapError(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		var on bool
		if err := rows.Scan(&c, &on); err != nil {
			return nil, err
		}
		out[c] = on
	}
	return out, rows.Err()
}

// Set records a category's setting.
func (r *Preferences) Set(ctx context.Context, subject, category string, enabled bool, now time.Time) error {
	_, err := r.s.db.Exec(ctx, `INSERT INTO preferences (subject_id, category, enabled, updated_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (subject_id, category) DO UPDATE SET enabled = $3, updated_at = $4`,
		subject, category, enabled, now)
	return pg.MapError(err)
}

// Forget drops the subject's settings.
func (r *Preferences) Forget(ctx context.Context, subject string) error {
	_, err := r.s.db.Exec(ctx, `DELETE FROM preferences WHERE subject_id = $1`, subject)
	return pg.MapError(err)
}
