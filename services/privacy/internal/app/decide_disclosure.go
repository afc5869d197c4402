package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// DecideDisclosure approves or rejects a pending entry.
func (a *App) DecideDisclosure(ctx context.Context, id string, approve bool, reason string) (domain.Disclosure, error) {
	actor := caller(ctx)
	if err := signedIn(actor); err != nil {
		return domain.Disclosure{}, err
	}
	if !validUUID(id) {
		return domain.Disclosure{}, errs.Invalid("disclosure_id", "NOT_UUID")
	}
	live, err := a.consentFor(ctx, id)
	if err != nil {
		return domain.Disclosure{}, err
	}
	return a.Disclosures.Update(ctx, id, func(d *domain.Disclosure) error {
		return d.Decide(actor, approve, maskNote(reason), live, a.now())
	})
}
