package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
)

// txStore is the part of the store that works on a transaction someone
// else opened: the erasure consumer's, which also records the event id.
type txStore struct{ tx pgx.Tx }

// OnTx returns the erasure store on tx.
func OnTx(tx pgx.Tx) app.ErasureStore { return txStore{tx: tx} }

// stillHeld matches rows that still carry any part of the contact, so a
// second erasure of the same subject changes nothing and logs nothing.
const stillHeld = `(name_token <> '' OR phone_token <> '' OR email_token <> ''
	OR name_masked NOT IN ('', $2) OR phone_masked <> '' OR email_masked <> '' OR originals <> '[]')`

// ForgetSubject implements app.ErasureStore. Complaints always had a name
// (a complainant is identified), so theirs becomes erasedName; an opinion
// shows erasedName only where it had a name. The complaint's audit trail
// records the erasure, so officials know why the contact is gone.
func (s txStore) ForgetSubject(ctx context.Context, subject, erasedName string, at time.Time) error {
	_, err := s.tx.Exec(ctx, `WITH erased AS (
		UPDATE complaints SET name_masked = $2, name_token = '', phone_masked = '', phone_token = '',
			email_masked = '', email_token = '', originals = '[]', updated_at = $3, revision = revision + 1
		WHERE citizen_subject = $1 AND `+stillHeld+` RETURNING id)
		INSERT INTO complaint_history (complaint_id, action, actor_subject, detail, at)
		SELECT id, 'contact_erased', 'privacy', 'the privacy service erased the complainant''s personal data', $3 FROM erased`,
		subject, erasedName, at)
	if err != nil {
		return pg.MapError(err)
	}
	_, err = s.tx.Exec(ctx, `UPDATE opinions SET
		name_masked = CASE WHEN name_masked <> '' OR name_token <> '' THEN $2 ELSE '' END, name_token = '',
		phone_masked = '', phone_token = '', email_masked = '', email_token = '', originals = '[]',
		revision = revision + 1
		WHERE citizen_subject = $1 AND `+stillHeld, subject, erasedName)
	return pg.MapError(err)
}

// NoticesOnTx returns the complaint-history writer on tx.
func NoticesOnTx(tx pgx.Tx) app.NoticeHistory { return txStore{tx: tx} }

// RecordUndelivered implements app.NoticeHistory.
func (s txStore) RecordUndelivered(ctx context.Context, complaintID, recipient, detail string, at time.Time) error {
	_, err := s.tx.Exec(ctx, `INSERT INTO complaint_history (complaint_id, action, actor_subject, detail, at)
		SELECT id, 'notice_undelivered', 'mail', $2, $3 FROM complaints WHERE id::text = $1 AND citizen_subject = $4`,
		complaintID, detail, at, recipient)
	return pg.MapError(err)
}
