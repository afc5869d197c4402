package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.2: an item in review is published by its department's officials or
// admins, only while the department can be reached (phone or e-mail);
// publishing is a first revision, announced, with its review due one cycle
// later (A4.1). Refusals change nothing.
func TestPublishItem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		caller     identity.Claims
		department string
		status     domain.Status
		staleEtag  bool
		want       errs.Kind
	}{
		{"official of the department", digital, "SMG-DIGITAL", domain.StatusInReview, false, errstest.Succeeds},
		{"admin", admin, "SMG-CULTURE", domain.StatusInReview, false, errstest.Succeeds},
		{"department without a contact", admin, "SMG-NOCONTACT", domain.StatusInReview, false, errs.KindFailedPrecondition},
		{"still a draft", digital, "SMG-DIGITAL", domain.StatusDraft, false, errs.KindFailedPrecondition},
		{"already published", digital, "SMG-DIGITAL", domain.StatusPublished, false, errs.KindFailedPrecondition},
		{"stale etag", digital, "SMG-DIGITAL", domain.StatusInReview, true, errs.KindConflict},
		{"official of another department", culture, "SMG-DIGITAL", domain.StatusInReview, false, errs.KindNotFound},
		{"citizen", citizen, "SMG-DIGITAL", domain.StatusInReview, false, errs.KindNotFound},
		{"anonymous", anonymous, "SMG-DIGITAL", domain.StatusInReview, false, errs.KindNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, tc.department, tc.status)
			target := app.Target{ID: it.ID, Etag: etag.Of(it.Version)}
			if tc.staleEtag {
				target.Etag = etag.Of(it.Version + 1)
			}
			got, err := f.app.PublishItem(as(tc.caller), target)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want != errstest.Succeeds {
				require.Equal(t, tc.status, f.items.byID[it.ID].Status, "nothing changed")
				require.Empty(t, f.items.written)
				return
			}
			require.Equal(t, domain.StatusPublished, got.Status)
			require.Equal(t, f.clock.Now().Add(180*day), got.NextReviewDue)
			require.Len(t, f.items.written, 1)
			published := f.items.written[0].(domain.ItemChanged)
			require.Equal(t, domain.ActionPublished, published.Action)
			require.Equal(t, 1, published.Revision)
			require.Equal(t, tc.department, published.DepartmentCode)
		})
	}
}
