package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A3.1: anyone lists published items; other statuses only for one
// department, to its officials and admins. Filters are normalized and the
// page size read once (0 → 20, above 100 → 100, negative refused) before
// the store is asked.
func TestListItems(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		caller   identity.Claims
		filter   app.ItemFilter
		size     int
		want     errs.Kind
		field    string
		asked    app.ItemFilter
		pageSize int
	}{
		{"public, defaults", anonymous, app.ItemFilter{}, 0, errstest.Succeeds, "",
			app.ItemFilter{Status: domain.StatusPublished}, 20},
		{"public, normalized filters, capped page", anonymous,
			app.ItemFilter{Tag: "  Bike ", Language: "zh-hans", Kind: domain.KindCulture}, 1000, errstest.Succeeds, "",
			app.ItemFilter{Status: domain.StatusPublished, Tag: "bike", Language: "zh-Hans", Kind: domain.KindCulture}, 100},
		{"own drafts", digital, app.ItemFilter{Status: domain.StatusDraft, Department: "SMG-DIGITAL"}, 5, errstest.Succeeds, "",
			app.ItemFilter{Status: domain.StatusDraft, Department: "SMG-DIGITAL"}, 5},
		{"another department's drafts", culture, app.ItemFilter{Status: domain.StatusDraft, Department: "SMG-DIGITAL"}, 0,
			errs.KindPermissionDenied, "", app.ItemFilter{}, 0},
		{"citizen asks for drafts", citizen, app.ItemFilter{Status: domain.StatusDraft, Department: "SMG-DIGITAL"}, 0,
			errs.KindPermissionDenied, "", app.ItemFilter{}, 0},
		{"drafts of no department", admin, app.ItemFilter{Status: domain.StatusDraft}, 0,
			errs.KindInvalid, "department_code", app.ItemFilter{}, 0},
		{"negative page size", anonymous, app.ItemFilter{}, -1, errs.KindInvalid, "page_size", app.ItemFilter{}, 0},
		{"unknown kind", anonymous, app.ItemFilter{Kind: "weather"}, 0, errs.KindInvalid, "kind", app.ItemFilter{}, 0},
		{"bad language", anonymous, app.ItemFilter{Language: "xx-!"}, 0, errs.KindInvalid, "language", app.ItemFilter{}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			f.seed(t, "SMG-DIGITAL", domain.StatusPublished)
			items, _, err := f.app.ListItems(as(tc.caller), tc.filter, pagetoken.Page{Size: tc.size})
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.field != "" {
				requireInvalid(t, err, tc.field)
			}
			require.Equal(t, tc.asked, f.items.listed, "the store is asked only after the checks")
			require.Equal(t, tc.pageSize, f.items.page.Size)
			if tc.want == errstest.Succeeds && tc.asked.Status == domain.StatusPublished && tc.asked.Kind == "" {
				require.Len(t, items, 1)
			}
		})
	}
}
