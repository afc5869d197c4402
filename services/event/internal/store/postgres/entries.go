package postgres

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

const entryColumns = `n.id::text, n.event_id::text, n.subject_id, n.answers, n.name_token, n.phone_token,
	n.created_at, coalesce(w.id::text, ''), coalesce(w.prize_id, ''), n.personal_data_kinds`

func scanEntry(row pgx.Row) (domain.Entry, error) {
	var en domain.Entry
	var answers []byte
	err := row.Scan(&en.ID, &en.EventID, &en.SubjectID, &answers, &en.Contact.Name, &en.Contact.Phone,
		&en.CreatedAt, &en.WinnerID, &en.PrizeID, &en.PersonalDataKinds)
	if err != nil {
		return en, pg.MapError(err)
	}
	en.CreatedAt = en.CreatedAt.UTC()
	return en, json.Unmarshal(answers, &en.Answers)
}

// Create implements app.Entries. The event row is share-locked: entries
// run in parallel with each other but never alongside the close, so the
// digest published at the close covers every accepted entry. The unique
// key (event_id, subject_id) makes a concurrent duplicate a no-op.
func (s *Entries) Create(ctx context.Context, en *domain.Entry, accept func(e *domain.ParticipationEvent) error) (*domain.Entry, error) {
	out := en
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		e, err := getEvent(ctx, tx, en.EventID, "FOR SHARE")
		if err != nil {
			return err
		}
		if err := accept(e); err != nil {
			return err
		}
		answers, err := json.Marshal(en.Answers)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO entries (id, event_id, subject_id, answers, name_token, phone_token, created_at,
			personal_data_kinds, pseudonym) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id, subject_id) DO NOTHING`,
			en.ID, en.EventID, en.SubjectID, answers, en.Contact.Name, en.Contact.Phone, en.CreatedAt,
			nonNil(en.PersonalDataKinds), en.Pseudonym)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			prev, err := myEntry(ctx, tx, en.EventID, en.SubjectID)
			out = prev
			return err
		}
		return s.events.Write(ctx, tx, en.Events()...)
	})
	return out, err
}

// Mine implements app.Entries.
func (s *Entries) Mine(ctx context.Context, eventID, subjectID string) (*domain.Entry, error) {
	return myEntry(ctx, s.db, eventID, subjectID)
}

func myEntry(ctx context.Context, q querier, eventID, subjectID string) (*domain.Entry, error) {
	en, err := scanEntry(q.QueryRow(ctx, `SELECT `+entryColumns+` FROM entries n
		LEFT JOIN winners w ON w.entry_id = n.id WHERE n.event_id = $1 AND n.subject_id = $2`, eventID, subjectID))
	if errs.Is(err, errs.KindNotFound) {
		return nil, errs.NotFound("NO_ENTRY_OF_YOURS", "id", eventID)
	}
	return &en, err
}

// IDs implements app.Entries: the canonical order (byte order of the
// lowercase text form, which the "C" collation gives).
func (s *Entries) IDs(ctx context.Context, eventID string) ([]string, error) {
	return entryIDs(ctx, s.db, eventID)
}

func entryIDs(ctx context.Context, q querier, eventID string) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT id::text FROM entries WHERE event_id = $1 ORDER BY id::text COLLATE "C"`, eventID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// Proofs implements app.Entries: what each entry id is derived from
// (v2), in the canonical order.
func (s *Entries) Proofs(ctx context.Context, eventID string) ([]domain.Entry, error) {
	rows, err := s.db.Query(ctx, `SELECT id::text, pseudonym, created_at FROM entries WHERE event_id = $1
		ORDER BY id::text COLLATE "C"`, eventID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Entry, error) {
		var en domain.Entry
		err := r.Scan(&en.ID, &en.Pseudonym, &en.CreatedAt)
		en.CreatedAt = en.CreatedAt.UTC()
		return en, err
	})
}

// ByID implements app.Entries.
func (s *Entries) ByID(ctx context.Context, eventID string, ids []string) (map[string]domain.Entry, error) {
	rows, err := s.db.Query(ctx, `SELECT `+entryColumns+` FROM entries n
		LEFT JOIN winners w ON w.entry_id = n.id WHERE n.event_id = $1 AND n.id::text = ANY($2)`, eventID, ids)
	if err != nil {
		return nil, err
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Entry, error) { return scanEntry(r) })
	out := make(map[string]domain.Entry, len(list))
	for _, en := range list {
		out[en.ID] = en
	}
	return out, err
}
