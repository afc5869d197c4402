package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// KeyStatus is how many data keys each KEK version wraps, and how many
// fields each blind-index key version indexes.
type KeyStatus struct {
	Active      int
	Usage       map[int]int64
	IndexActive int
	IndexUsage  map[int]int64
}

// GetKeyStatus reports key usage to admins and privacy officers, so
// operators know when an old version wraps nothing and may be retired.
func (a *App) GetKeyStatus(ctx context.Context) (KeyStatus, error) {
	actor := caller(ctx)
	if !actor.HasAny(domain.RoleAdmin, domain.RolePrivacyOfficer) {
		return KeyStatus{}, refusal(actor, "OFFICER_OR_ADMIN_ONLY")
	}
	usage, err := a.Subjects.KeyUsage(ctx)
	if err != nil {
		return KeyStatus{}, err
	}
	index, err := a.Vault.IndexUsage(ctx)
	return KeyStatus{Active: a.KEKs.ActiveVersion(), Usage: usage, IndexActive: a.keys.IndexVersion(), IndexUsage: index}, err
}
