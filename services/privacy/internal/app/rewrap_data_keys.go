package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
)

// RewrapDataKeys runs the rewrap job to completion now (admins).
func (a *App) RewrapDataKeys(ctx context.Context) (int, error) {
	actor := caller(ctx)
	if !actor.Has(domain.RoleAdmin) {
		return 0, refusal(actor, "ROLE_REQUIRED", "roles", "admin")
	}
	return a.RewrapAll(ctx)
}

// RewrapAll moves every data key under an old KEK version to the active
// one, batch by batch (the scheduled job, and RewrapDataKeys on demand).
// Only data keys are unwrapped and re-wrapped: no personal value is
// decrypted, and the field ciphertexts are untouched, so old and new data
// stay readable throughout. Rows are claimed with SKIP LOCKED, so replicas
// running it side by side never rewrap the same key twice at once.
func (a *App) RewrapAll(ctx context.Context) (int, error) {
	batch := a.rewrapBatch
	active := a.KEKs.ActiveVersion()
	total := 0
	for {
		n, err := a.Subjects.ClaimRewrap(ctx, active, batch, func(subjectID string, k *WrappedKey) error {
			dek, err := a.dataKey(ctx, subjectID, k)
			if err != nil {
				return err
			}
			w, err := a.KEKs.Wrap(ctx, active, dek, envelope.DataKeyAAD(subjectID, active))
			k.Wrapped, k.KEKVersion = w, active
			return err
		})
		total += n
		if err != nil || n < batch {
			return total, err
		}
	}
}
