package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// StoreTexts implements app.Vault: the subject's row lock and key as for
// fields, one row per document.
func (s Vault) StoreTexts(ctx context.Context, subjectID string, seal app.FieldSealer, entry domain.AccessEntry) (map[string]string, error) {
	return s.storeSealed(ctx, subjectID, seal, entry, upsertText, func(r app.SealedField) string { return r.Document })
}

func upsertText(ctx context.Context, tx pgx.Tx, r app.SealedField) (string, error) {
	var token string
	err := tx.QueryRow(ctx, `
		INSERT INTO personal_texts (token, subject_id, document, case_reference, ciphertext, purpose)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (subject_id, document) DO UPDATE
		   SET ciphertext = EXCLUDED.ciphertext, case_reference = EXCLUDED.case_reference,
		       purpose = EXCLUDED.purpose, updated_at = now()
		RETURNING token`,
		r.Token, r.SubjectID, r.Document, r.CaseReference, r.Ciphertext, r.Purpose).Scan(&token)
	return token, err
}
