package app

import (
	"context"
	"time"

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
	return KeyStatus{Active: a.keks.ActiveVersion(), Usage: usage}, err
}

// RewrapDataKeys runs the rewrap job to completion now (admins).
func (a *App) RewrapDataKeys(ctx context.Context, actor domain.Actor, batch int) (int, error) {
	if !actor.Has(domain.RoleAdmin) {
		return 0, refusal(actor, "ROLE_REQUIRED", "roles", "admin")
	}
	return a.RewrapAll(ctx, batch)
}

// RewrapAll moves every data key under an old KEK version to the active
// one, batch by batch. Only data keys are unwrapped and re-wrapped: no
// personal value is decrypted, and the field ciphertexts are untouched,
// so old and new data stay readable throughout.
func (a *App) RewrapAll(ctx context.Context, batch int) (int, error) {
	active := a.keks.ActiveVersion()
	total := 0
	for {
		n, err := a.Subjects.Rewrap(ctx, active, batch, func(subjectID string, k WrappedKey) (WrappedKey, error) {
			dek, err := a.dataKey(ctx, subjectID, &k)
			if err != nil {
				return WrappedKey{}, err
			}
			w, err := a.keks.Wrap(ctx, active, dek, envelope.DataKeyAAD(subjectID, active))
			return WrappedKey{Wrapped: w, KEKVersion: active}, err
		})
		total += n
		if err != nil || n < batch {
			return total, err
		}
	}
}

// RewrapJob is the background worker: every interval it rewraps what is
// left under old versions. Rows are claimed with SKIP LOCKED, so replicas
// running the job side by side never rewrap the same key twice at once.
// The first pass waits one interval, so a rolling deploy that introduces
// a new version finishes before any replica moves keys to it.
func RewrapJob(a *App, interval time.Duration, batch int) func(context.Context) error {
	return func(ctx context.Context) error {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
			}
			n, err := a.RewrapAll(ctx, batch)
			switch {
			case err != nil && ctx.Err() == nil:
				a.logger.ErrorContext(ctx, "rewrap pass failed", "err", err)
			case n > 0:
				a.logger.InfoContext(ctx, "rewrapped data keys", "count", n, "active_version", a.keks.ActiveVersion())
			}
		}
	}
}

// ActiveKeyVersion is the KEK version new data keys are wrapped with.
func (a *App) ActiveKeyVersion() int { return a.keks.ActiveVersion() }
