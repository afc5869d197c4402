package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
)

// indexVersion is the row's index version, NULL for a field without one.
func indexVersion(r app.SealedField) *int {
	if r.BlindIndex == nil {
		return nil
	}
	return &r.IndexVersion
}

// FindByBlindIndex implements app.Vault: a row matches under its own
// version's index.
func (s Vault) FindByBlindIndex(ctx context.Context, field string, indexes map[int][]byte) ([]app.SealedField, error) {
	versions, values := make([]int32, 0, len(indexes)), make([][]byte, 0, len(indexes))
	for v, idx := range indexes {
		versions, values = append(versions, int32(v)), append(values, idx)
	}
	rows, err := s.db.Query(ctx, `SELECT f.token, f.subject_id, f.field FROM personal_fields f
		JOIN unnest($2::int[], $3::bytea[]) AS k(version, idx) ON f.index_version = k.version AND f.blind_index = k.idx
		WHERE f.field = $1 ORDER BY f.updated_at DESC LIMIT 20`, field, versions, values)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (app.SealedField, error) {
		var f app.SealedField
		return f, r.Scan(&f.Token, &f.SubjectID, &f.Field)
	})
	return out, pg.MapError(err)
}

// ClaimReindex implements app.Vault: one batch in one transaction, rows
// claimed with SKIP LOCKED so replicas share the work; a subject being
// erased holds its rows, and an erased one has none left.
func (s Vault) ClaimReindex(ctx context.Context, active, limit int, reindex func(*app.SealedRecord) error) (int, error) {
	n := 0
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+recordColumns+` FROM personal_fields f JOIN subjects s USING (subject_id)
			WHERE f.blind_index IS NOT NULL AND f.index_version <> $1
			LIMIT $2 FOR UPDATE OF f SKIP LOCKED`, active, limit)
		recs, err := collectRecords(rows, err)
		if err != nil {
			return err
		}
		for i := range recs {
			if err := reindex(&recs[i]); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE personal_fields SET blind_index = $2, index_version = $3 WHERE token = $1`,
				recs[i].Token, recs[i].BlindIndex, recs[i].IndexVersion); err != nil {
				return err
			}
		}
		n = len(recs)
		return nil
	})
	return n, err
}

// IndexUsage implements app.Vault.
func (s Vault) IndexUsage(ctx context.Context) (map[int]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT index_version, count(*) FROM personal_fields
		WHERE blind_index IS NOT NULL GROUP BY index_version`)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out := map[int]int64{}
	var v int32
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&v, &n}, func() error { out[int(v)] = n; return nil })
	return out, pg.MapError(err)
}
