// Package postgres is the privacy service's storage: every SQL statement,
// private row types, and SQLSTATE → error kinds through pg.MapError.
package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// store is what every repository shares: the database (a pool, or a
// consumer's transaction), the chain key so any transaction can append to
// the access log, and the writer of domain events to the outbox.
type store struct {
	db       pg.DB
	chainKey []byte
	events   outbox.Writer[domain.Event]
}

// Vault implements app.Vault.
type Vault struct{ *store }

// AccessLog implements app.AccessLog.
type AccessLog struct{ *store }

// Consents implements app.Consents.
type Consents struct{ *store }

// Disclosures implements app.Disclosures.
type Disclosures struct{ *store }

// Policies implements app.Policies.
type Policies struct{ *store }

// Subjects implements app.Subjects.
type Subjects struct{ *store }

// Holds implements app.Holds.
type Holds struct{ *store }

// Anchors implements app.Anchors.
type Anchors struct{ *store }

// New returns the repositories over db (pg.Pool for requests and jobs,
// pg.Joined for a consumer's transaction); chainKey keys the access log's
// hash chain and events writes the aggregates' domain events to the
// outbox.
func New(db pg.DB, chainKey []byte, events outbox.Writer[domain.Event]) app.Ports {
	d := &store{db: db, chainKey: chainKey, events: events}
	return app.Ports{Vault: Vault{d}, Log: AccessLog{d}, Consents: Consents{d}, Disclosures: Disclosures{d},
		Policies: Policies{d}, Subjects: Subjects{d}, Holds: Holds{d}, Grants: Grants{d},
		Anchors: Anchors{d}, Contractors: Contractors{d}}
}

// StoreFields implements app.Vault.
func (s Vault) StoreFields(ctx context.Context, subjectID string, seal app.FieldSealer, entry domain.AccessEntry) (map[string]string, error) {
	return s.storeSealed(ctx, subjectID, seal, entry, upsertField, func(r app.SealedField) string { return r.Field })
}

// storeSealed runs seal under the subject's row lock (creating and saving
// the key of a new subject), upserts its rows with upsert, which returns
// each row's token, and appends entry, in one transaction; it returns
// keyOf(row) → token.
func (s Vault) storeSealed(ctx context.Context, subjectID string, seal app.FieldSealer, entry domain.AccessEntry,
	upsert func(context.Context, pgx.Tx, app.SealedField) (string, error), keyOf func(app.SealedField) string) (map[string]string, error) {
	tokens := map[string]string{}
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		existing, err := lockSubject(ctx, tx, subjectID)
		if err != nil {
			return err
		}
		key, rows, err := seal(existing)
		if err != nil {
			return err
		}
		if existing == nil {
			if err := saveKey(ctx, tx, subjectID, key); err != nil {
				return err
			}
		}
		for _, r := range rows {
			if tokens[keyOf(r)], err = upsert(ctx, tx, r); err != nil {
				return err
			}
		}
		return s.append(ctx, tx, entry)
	})
	return tokens, err
}

// lockSubject returns the subject's key under a row lock, nil for a new
// or erased subject. A new subject's row is created first so concurrent
// first writes serialize on it instead of racing to create two keys.
func lockSubject(ctx context.Context, tx pgx.Tx, subjectID string) (*app.WrappedKey, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO subjects (subject_id) VALUES ($1) ON CONFLICT DO NOTHING`, subjectID); err != nil {
		return nil, err
	}
	var k keyRow
	err := tx.QueryRow(ctx, `SELECT wrapped_key, kek_version FROM subjects WHERE subject_id = $1 FOR UPDATE`, subjectID).
		Scan(&k.Wrapped, &k.Version)
	if err != nil {
		return nil, err
	}
	return k.toApp(), nil
}

func saveKey(ctx context.Context, tx pgx.Tx, subjectID string, k *app.WrappedKey) error {
	_, err := tx.Exec(ctx, `UPDATE subjects SET wrapped_key = $2, kek_version = $3, erased_at = NULL WHERE subject_id = $1`,
		subjectID, k.Wrapped, k.KEKVersion)
	return err
}

func upsertField(ctx context.Context, tx pgx.Tx, r app.SealedField) (string, error) {
	var token string
	err := tx.QueryRow(ctx, `
		INSERT INTO personal_fields (token, subject_id, field, ciphertext, blind_index, index_version, purpose)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (subject_id, field) DO UPDATE
		   SET ciphertext = EXCLUDED.ciphertext, blind_index = EXCLUDED.blind_index,
		       index_version = EXCLUDED.index_version, purpose = EXCLUDED.purpose, updated_at = now()
		RETURNING token`,
		r.Token, r.SubjectID, r.Field, r.Ciphertext, r.BlindIndex, indexVersion(r), r.Purpose).Scan(&token)
	return token, err
}

// keyRow is a subject's key columns; both are NULL once erased.
type keyRow struct {
	Wrapped []byte
	Version *int32
}

func (k keyRow) toApp() *app.WrappedKey {
	if k.Wrapped == nil || k.Version == nil {
		return nil
	}
	return &app.WrappedKey{Wrapped: k.Wrapped, KEKVersion: int(*k.Version)}
}

const recordColumns = `f.token, f.subject_id, f.field, f.ciphertext, f.blind_index, f.purpose, '' AS document,
	'' AS case_reference, s.wrapped_key, s.kek_version`

// RecordsByTokens implements app.Vault: fields and texts.
func (s Vault) RecordsByTokens(ctx context.Context, tokens []string) ([]app.SealedRecord, error) {
	rows, err := s.db.Query(ctx, `SELECT `+recordColumns+`
		FROM personal_fields f JOIN subjects s USING (subject_id) WHERE f.token = ANY($1)
		UNION ALL
		SELECT t.token, t.subject_id, $2, t.ciphertext, NULL, t.purpose, t.document, t.case_reference,
		       s.wrapped_key, s.kek_version
		FROM personal_texts t JOIN subjects s USING (subject_id) WHERE t.token = ANY($1)
		ORDER BY 2, 3, 7`, tokens, domain.FieldFreeText)
	return collectRecords(rows, err)
}

// SubjectRecords implements app.Vault.
func (s Vault) SubjectRecords(ctx context.Context, subjectID string, fields []string) ([]app.SealedRecord, error) {
	rows, err := s.db.Query(ctx, `SELECT `+recordColumns+`
		FROM personal_fields f JOIN subjects s USING (subject_id)
		WHERE f.subject_id = $1 AND (cardinality($2::text[]) = 0 OR f.field = ANY($2))
		ORDER BY f.field`, subjectID, nonNil(fields))
	return collectRecords(rows, err)
}

func collectRecords(rows pgx.Rows, err error) ([]app.SealedRecord, error) {
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (app.SealedRecord, error) {
		var rec app.SealedRecord
		var k keyRow
		err := r.Scan(&rec.Token, &rec.SubjectID, &rec.Field, &rec.Ciphertext, &rec.BlindIndex, &rec.Purpose,
			&rec.Document, &rec.CaseReference, &k.Wrapped, &k.Version)
		rec.Key = k.toApp()
		return rec, err
	})
	return out, pg.MapError(err)
}
