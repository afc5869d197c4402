package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

// A10.1: who may reveal in a case is visible to privacy officers (all
// grants), the officials of a department (their department's) and the
// citizen (grants over their own data); nobody else.
func TestListRevealGrantsAuthorization(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		claims identity.Claims
		want   errs.Kind
		grants int
	}{
		{"privacy officer", officer, ok, 1},
		{"the holding department", official("o-1", "SMG-ROAD"), ok, 1},
		{"another department", official("o-2", "SMG-PARKS"), ok, 0},
		{"the citizen", citizen("cit-1"), ok, 1},
		{"another citizen", citizen("cit-2"), ok, 0},
		{"a moderator", moderator, errs.KindPermissionDenied, 0},
		{"anonymous", anonymous, errs.KindUnauthenticated, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.assign(t, "cmp-1", "SMG-ROAD", "cit-1")
			got, err := f.app.ListRevealGrants(as(tc.claims), "cmp-1", "")
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			require.Len(t, got, tc.grants)
		})
	}
	f := newFixture(t)
	_, err := f.app.ListRevealGrants(as(officer), "", "anything")
	require.Equal(t, errs.KindInvalid, kindOf(err))
}
