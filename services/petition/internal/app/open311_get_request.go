package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// Open311Request returns one request by receipt number if the caller may
// see it: published, or their own, or held by their department.
func (s *App) Open311Request(ctx context.Context, receipt string) (*domain.Complaint, error) {
	if !receiptPattern.MatchString(receipt) {
		return nil, errs.Invalid("service_request_id", "RECEIPT_NUMBER", "example", "SMG-2026-000001")
	}
	cp, err := s.store.GetComplaintByReceipt(ctx, receipt)
	if err != nil {
		return nil, err
	}
	if !cp.PublishConsent && !s.canSee(identity.From(ctx), cp) {
		return nil, errs.NotFound("SERVICE_REQUEST_NOT_FOUND", "id", receipt)
	}
	return cp, nil
}
