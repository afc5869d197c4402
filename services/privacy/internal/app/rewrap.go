package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
)

// KeyStatus is how many data keys each KEK version wraps.
type KeyStatus struct {
	Active int
	Usage  map[int]int64
}

// GetKeyStatus reports key usage to admins and privacy officers, so
// operators know when an old version wraps nothing and may be retired.
func (a *App) GetKeyStatus(ctx context.Context, actor domain.Actor) (KeyStatus, error) {
	if !actor.HasAny(domain.RoleAdmin, domain.RolePrivacyOfficer) {
		return KeyStatus{}, refusal(actor, "OFFICER_OR_ADMIN_ONLY")
	}
	usage, err := a.Subjects.KeyUsage(ctx)
	return KeyStatus{Active: a.KEKs.ActiveVersion(), Usage: usage}, err
}

// RewrapDataKeys runs the rewrap job to completion now (admins).
func (a *App) RewrapDataKeys(ctx context.Context, actor domain.Actor) (int, error) {
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

// ActiveKeyVersion is the KEK version new data keys are wrapped with.
func (a *App) ActiveKeyVersion() int { return a.KEKs.ActiveVersion() }
