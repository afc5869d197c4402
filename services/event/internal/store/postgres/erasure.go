package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
)

// ForgetSubject implements app.Entries, in the consumer's inbox
// transaction when the store is over pg.Joined. It first share-locks the
// subject's participation events: a draw being recorded holds its event
// row FOR UPDATE, so the erasure waits for it and then finds its winners
// (the draw, for its part, replaces the names of entrants whose tokens
// were already cleared). Entries and winners stay; only the tokens and the
// masked name go.
func (s *Entries) ForgetSubject(ctx context.Context, subjectID, replacement string) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT id FROM participation_events
		WHERE id IN (SELECT event_id FROM entries WHERE subject_id = $1) ORDER BY id FOR SHARE`, subjectID); err != nil {
			return pg.MapError(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE winners w SET masked_name = $2 FROM entries n
		WHERE n.id = w.entry_id AND n.subject_id = $1 AND w.masked_name <> $2`, subjectID, replacement); err != nil {
			return pg.MapError(err)
		}
		_, err := tx.Exec(ctx, `UPDATE entries SET name_token = '', phone_token = ''
		WHERE subject_id = $1 AND (name_token <> '' OR phone_token <> '')`, subjectID)
		return pg.MapError(err)
	})
}
