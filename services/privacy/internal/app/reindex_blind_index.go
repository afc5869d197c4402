package app

import "context"

// ReindexBlindIndex moves the blind indexes made under an old version of
// the index key to the active one, batch by batch (the scheduled re-index
// job, A10.4): each claimed value is decrypted inside the service and
// indexed again, and lookups keep matching under every configured version
// meanwhile. Rows are claimed with SKIP LOCKED, so replicas share the work.
func (a *App) ReindexBlindIndex(ctx context.Context) (int, error) {
	active, total := a.keys.IndexVersion(), 0
	for {
		n, err := a.Vault.ClaimReindex(ctx, active, a.rewrapBatch, func(r *SealedRecord) error {
			dek, err := a.dataKey(ctx, r.SubjectID, r.Key)
			if err != nil {
				return err
			}
			value, err := a.open(dek, *r)
			if err != nil {
				return err
			}
			r.BlindIndex, r.IndexVersion = a.keys.BlindIndex(r.Field, value), active
			return nil
		})
		total += n
		if err != nil || n < a.rewrapBatch {
			return total, err
		}
	}
}
