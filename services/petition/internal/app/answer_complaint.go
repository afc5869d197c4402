package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// AnswerComplaint answers a complaint; the answer's texts are stored (and,
// with the complainant's consent, published) with personal data masked.
// With validateOnly nothing is stored or announced: the official sees the
// complaint as the answer would leave it, with the public preview of a
// consented complaint — exactly what publication will show.
func (s *App) AnswerComplaint(ctx context.Context, t Target, a domain.AnswerDraft, validateOnly bool) (*domain.Complaint, error) {
	if err := checkID("complaint_id", t.ID); err != nil {
		return nil, err
	}
	if err := a.Check(); err != nil {
		return nil, err
	}
	a.Body, a.RefusalReasons, a.Remedies = mask(a.Body), mask(a.RefusalReasons), mask(a.Remedies)
	answer := func(c identity.Claims, cp *domain.Complaint) error { return cp.Answer(actor(c), a, s.now()) }
	if validateOnly {
		return s.preview(ctx, t, answer)
	}
	return s.handle(ctx, t, answer)
}
