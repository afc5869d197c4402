package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// GetDisclosure returns one entry to those who may read it.
func (a *App) GetDisclosure(ctx context.Context, id string) (domain.Disclosure, error) {
	actor := caller(ctx)
	if !validUUID(id) {
		return domain.Disclosure{}, errs.Invalid("disclosure_id", "NOT_UUID")
	}
	d, err := a.Disclosures.Get(ctx, id)
	if err != nil {
		return d, err
	}
	if dec := domain.CanReadDisclosure(actor, d); !dec.Allowed {
		return domain.Disclosure{}, refusal(actor, "PERSONAL_DATA_ACCESS_DENIED", "why", dec.Reason)
	}
	return d, nil
}
