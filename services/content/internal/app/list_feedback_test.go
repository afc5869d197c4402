package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/app"
)

// A3.3: a department's officials and admins read the opinions on its items;
// nobody else does, and bad filters are named before the store is asked.
func TestListFeedback(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		caller identity.Claims
		filter app.FeedbackFilter
		want   errs.Kind
		field  string
	}{
		{"official of the department", digital, app.FeedbackFilter{Department: "SMG-DIGITAL"}, errstest.Succeeds, ""},
		{"admin, one item", admin, app.FeedbackFilter{Department: "SMG-DIGITAL", ItemID: newID()}, errstest.Succeeds, ""},
		{"official of another department", culture, app.FeedbackFilter{Department: "SMG-DIGITAL"}, errs.KindPermissionDenied, ""},
		{"citizen", citizen, app.FeedbackFilter{Department: "SMG-DIGITAL"}, errs.KindPermissionDenied, ""},
		{"anonymous", anonymous, app.FeedbackFilter{Department: "SMG-DIGITAL"}, errs.KindUnauthenticated, ""},
		{"no department", admin, app.FeedbackFilter{}, errs.KindInvalid, "department_code"},
		{"bad item id", admin, app.FeedbackFilter{Department: "SMG-DIGITAL", ItemID: "7"}, errs.KindInvalid, "item_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			_, _, _, err := f.app.ListFeedback(as(tc.caller), tc.filter, pagetoken.Page{})
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.field != "" {
				requireInvalid(t, err, tc.field)
			}
			if tc.want == errstest.Succeeds {
				require.Equal(t, tc.filter, f.feedback.listed)
				require.Equal(t, 20, f.items.page.Size)
			} else {
				require.Zero(t, f.feedback.listed, "the store is not asked")
			}
		})
	}
}
