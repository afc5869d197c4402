package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.1, A4.2: a published item's revisions are public with the responsible
// department as their author; the department and admins see which official
// made each; a draft's are nobody else's business.
func TestListItemRevisions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		caller identity.Claims
		status domain.Status
		want   errs.Kind
		author string
	}{
		{"public", anonymous, domain.StatusPublished, errstest.Succeeds, "SMG-DIGITAL"},
		{"another department", culture, domain.StatusPublished, errstest.Succeeds, "SMG-DIGITAL"},
		{"the department", digital, domain.StatusPublished, errstest.Succeeds, "seed"},
		{"admin", admin, domain.StatusPublished, errstest.Succeeds, "seed"},
		{"public, draft", anonymous, domain.StatusDraft, errs.KindNotFound, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, "SMG-DIGITAL", tc.status)
			f.items.revisions[it.ID] = []domain.Revision{{Number: 1, Actor: "seed", Content: it.Content}}
			revs, err := f.app.ListItemRevisions(as(tc.caller), it.ID)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want == errstest.Succeeds {
				require.Len(t, revs, 1)
				require.Equal(t, tc.author, revs[0].Actor)
			}
			require.Equal(t, "seed", f.items.revisions[it.ID][0].Actor, "the stored revision keeps its author")
		})
	}
}
