package postgres

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pg"
)

// stillHeld matches rows that still carry any part of the contact, so a
// second erasure of the same subject changes nothing and logs nothing.
const stillHeld = `(name_token <> '' OR phone_token <> '' OR email_token <> ''
	OR name_masked NOT IN ('', $2) OR phone_masked <> '' OR email_masked <> '' OR originals <> '[]')`

// ForgetSubject implements app.Store (run by the erasure consumer over its
// inbox transaction). Complaints always had a name
// (a complainant is identified), so theirs becomes erasedName; an opinion
// shows erasedName only where it had a name. The complaint's audit trail
// records the erasure, so officials know why the contact is gone.
func (s *Store) ForgetSubject(ctx context.Context, subject, erasedName string, at time.Time) error {
	_, err := s.db.Exec(ctx, `WITH erased AS (
		UPDATE complaints SET name_masked = $2, name_token = '', phone_masked = '', phone_token = '',
			email_masked = '', email_token = '', originals = '[]', updated_at = $3, revision = revision + 1
		WHERE citizen_subject = $1 AND `+stillHeld+` RETURNING id)
		INSERT INTO complaint_history (complaint_id, action, actor_subject, detail, at)
		SELECT id, 'contact_erased', 'privacy', 'the privacy service erased the complainant''s personal data', $3 FROM erased`,
		subject, erasedName, at)
	if err != nil {
		return pg.MapError(err)
	}
	_, err = s.db.Exec(ctx, `UPDATE opinions SET
		name_masked = CASE WHEN name_masked <> '' OR name_token <> '' THEN $2 ELSE '' END, name_token = '',
		phone_masked = '', phone_token = '', email_masked = '', email_token = '', originals = '[]',
		revision = revision + 1
		WHERE citizen_subject = $1 AND `+stillHeld, subject, erasedName)
	return pg.MapError(err)
}

// RecordUndelivered implements app.Store (run by the delivery-failure
// consumer over its inbox transaction).
func (s *Store) RecordUndelivered(ctx context.Context, complaintID, recipient, detail string, at time.Time) error {
	_, err := s.db.Exec(ctx, `INSERT INTO complaint_history (complaint_id, action, actor_subject, detail, at)
		SELECT id, 'notice_undelivered', 'mail', $2, $3 FROM complaints WHERE id::text = $1 AND citizen_subject = $4`,
		complaintID, detail, at, recipient)
	return pg.MapError(err)
}
