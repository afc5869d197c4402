package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.2: admins keep the department directory; a parent must be in it, and
// every bad field is named; refusals store nothing.
func TestPutDepartment(t *testing.T) {
	t.Parallel()
	valid := domain.Department{Code: "SMG-PARKS", NameKo: "공원녹지정책과", ParentCode: "SMG-CULTURE", Phone: "02-2133-2000"}
	cases := []struct {
		name   string
		caller identity.Claims
		dept   domain.Department
		want   errs.Kind
		fields []string
	}{
		{"admin", admin, valid, errstest.Succeeds, nil},
		{"official", digital, valid, errs.KindPermissionDenied, nil},
		{"anonymous", anonymous, valid, errs.KindUnauthenticated, nil},
		{"unknown parent", admin, domain.Department{Code: "SMG-PARKS", NameKo: "공원", ParentCode: "SMG-NOWHERE"},
			errs.KindInvalid, []string{"parent_code"}},
		{"every bad field", admin, domain.Department{Code: "parks", Phone: "call me", Email: "nobody"},
			errs.KindInvalid, []string{"code", "name_ko", "phone", "email"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			_, err := f.app.PutDepartment(as(tc.caller), tc.dept, "")
			errstest.RequireOutcome(t, tc.want, "", err)
			for _, field := range tc.fields {
				requireInvalid(t, err, field)
			}
			_, stored := f.depts.byCode[tc.dept.Code]
			require.Equal(t, tc.want == errstest.Succeeds, stored)
		})
	}
}
