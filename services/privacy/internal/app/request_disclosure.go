package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// RequestDisclosure records a third party's request in the register (A10.2).
func (a *App) RequestDisclosure(ctx context.Context, d domain.Disclosure) (domain.Disclosure, error) {
	actor := caller(ctx)
	if err := domain.ValidateDisclosure(d); err != nil {
		return domain.Disclosure{}, err
	}
	if dec := domain.CanRecordDisclosure(actor); !dec.Allowed {
		return domain.Disclosure{}, refusal(actor, "PERSONAL_DATA_ACCESS_DENIED", "why", dec.Reason)
	}
	d.Status, d.RecordedBy = domain.StatusPending, actor.Subject
	return a.Disclosures.Create(ctx, d)
}
