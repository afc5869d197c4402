package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// ExtendComplaint extends the processing period. A second extension takes
// the consent the complainant gave through ConsentToExtension; an official
// cannot assert it (officialConsent is the deprecated request field, refused
// when set).
func (s *App) ExtendComplaint(ctx context.Context, t Target, period, reason string, officialConsent bool) (*domain.Complaint, error) {
	var v errs.Violations
	v.Check(checkID("complaint_id", t.ID) != nil, "complaint_id", "NOT_UUID")
	v.Check(officialConsent, "complainant_consent", "CONSENT_IS_THE_COMPLAINANTS")
	p, perr := clock.ParsePeriod(period)
	v.Check(perr != nil, "period", "PERIOD", "example", "7d")
	requiredText(&v, "reason", reason, 2000, "REASON_FOR_COMPLAINANT")
	if err := v.Err(); err != nil {
		return nil, err
	}
	cal, err := s.store.CurrentCalendar(ctx)
	if err != nil {
		return nil, err
	}
	return s.handle(ctx, t, func(c identity.Claims, cp *domain.Complaint) error {
		return cp.Extend(actor(c), p, mask(reason), s.now(), cal)
	})
}
