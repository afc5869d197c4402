package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// SubmitFeedback records a signed-in user's opinion of a published item,
// once per user and item (A3.3). FeedbackGiven carries the opaque subject
// id so mileage can award points; the comment never leaves this service.
func (a *App) SubmitFeedback(ctx context.Context, itemID string, helpful bool, comment string) (domain.Feedback, domain.FeedbackSummary, error) {
	var none domain.FeedbackSummary
	if err := checkID(itemID); err != nil {
		return domain.Feedback{}, none, err
	}
	claims, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return domain.Feedback{}, none, err
	}
	it, err := a.items.Get(ctx, itemID)
	if err != nil {
		return domain.Feedback{}, none, err
	}
	f, err := domain.NewFeedback(newID(), it, claims.Subject, helpful, comment, a.now())
	if err != nil {
		return f, none, err
	}
	// A10.1: the department reads the comment with personal data masked; no
	// work needs the original, so none is kept.
	masked := personaldata.Mask(f.Comment)
	f.Comment, f.PersonalDataKinds = masked.Text, personaldata.Names(masked.Kinds())
	f, err = a.feedback.Add(ctx, f)
	if err != nil {
		if errs.Is(err, errs.KindAlreadyExists) {
			return f, none, errs.AlreadyExists("FEEDBACK_ALREADY_GIVEN")
		}
		return f, none, err
	}
	sum := it.Feedback
	sum.Add(helpful)
	return f, sum, nil
}
