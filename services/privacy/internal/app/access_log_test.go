package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
)

// A10.1: privacy officers read and verify the whole access log; everyone
// else reads only who accessed their own data; admins verify the chain.
func TestAccessLogAuthorization(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		claims identity.Claims
		filter app.AccessFilter
		list   errs.Kind
		verify errs.Kind
	}{
		{"privacy officer, anyone's", officer, app.AccessFilter{ActorSubject: "o-1"}, ok, ok},
		{"admin", admin, app.AccessFilter{SubjectID: "cit-1"}, errs.KindPermissionDenied, ok},
		{"the citizen, own", citizen("cit-1"), app.AccessFilter{SubjectID: "cit-1"}, ok, errs.KindPermissionDenied},
		{"the citizen, another's", citizen("cit-1"), app.AccessFilter{SubjectID: "cit-2"}, errs.KindPermissionDenied, errs.KindPermissionDenied},
		{"the citizen, by actor", citizen("cit-1"), app.AccessFilter{SubjectID: "cit-1", ActorSubject: "o-1"}, errs.KindPermissionDenied, errs.KindPermissionDenied},
		{"anonymous", anonymous, app.AccessFilter{}, errs.KindUnauthenticated, errs.KindUnauthenticated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.store(t, "cit-1", "phone", "010-1234-5678")
			page, err := f.app.ListAccessLog(as(tc.claims), tc.filter, 0, "")
			require.Equal(t, tc.list, kindOf(err), "%v", err)
			if tc.list == ok && tc.filter.SubjectID == "cit-1" {
				require.Len(t, page.Entries, 1)
			}
			_, err = f.app.VerifyAccessLog(as(tc.claims))
			require.Equal(t, tc.verify, kindOf(err), "%v", err)
		})
	}
	f := newFixture(t)
	_, err := f.app.ListAccessLog(as(officer), app.AccessFilter{}, -1, "")
	require.Equal(t, errs.KindInvalid, kindOf(err))
}
