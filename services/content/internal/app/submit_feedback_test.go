package app_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A3.3, A10.1: signed-in users give one opinion per published item; the
// comment is kept with personal data masked and never leaves the service:
// FeedbackGiven carries the opaque subject id only. Refusals store nothing.
func TestSubmitFeedback(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		caller  identity.Claims
		status  domain.Status
		comment string
		want    errs.Kind
	}{
		{"citizen", citizen, domain.StatusPublished, "연락은 010-1234-5678 로 주세요", errstest.Succeeds},
		{"official", culture, domain.StatusPublished, "", errstest.Succeeds},
		{"anonymous", anonymous, domain.StatusPublished, "", errs.KindUnauthenticated},
		{"draft", citizen, domain.StatusDraft, "", errs.KindNotFound},
		{"comment too long", citizen, domain.StatusPublished, strings.Repeat("가", 2001), errs.KindInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, "SMG-DIGITAL", tc.status)
			fb, sum, err := f.app.SubmitFeedback(as(tc.caller), it.ID, true, tc.comment)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want != errstest.Succeeds {
				require.Empty(t, f.feedback.stored)
				require.Empty(t, f.items.written)
				return
			}
			require.EqualValues(t, 1, sum.Helpful)
			require.NotContains(t, fb.Comment, "1234", "the middle digits are masked")
			require.Equal(t, tc.comment != "", len(fb.PersonalDataKinds) > 0)
			require.Len(t, f.items.written, 1)
			given := f.items.written[0].(domain.FeedbackGiven)
			require.Equal(t, domain.FeedbackGiven{ID: fb.ID, ItemID: it.ID, DepartmentCode: "SMG-DIGITAL",
				SubjectID: tc.caller.Subject, Helpful: true, At: f.clock.Now()}, given)

			_, _, err = f.app.SubmitFeedback(as(tc.caller), it.ID, false, "")
			errstest.RequireOutcome(t, errs.KindAlreadyExists, "", err)
			require.Len(t, f.feedback.stored, 1, "one opinion per user and item")
		})
	}
}
