package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
)

// A4.2: anyone reads a department with its contact, and the directory.
func TestGetDepartmentAndListDepartments(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		code string
		want errs.Kind
	}{
		{"known", "SMG-DIGITAL", errstest.Succeeds},
		{"unknown", "SMG-NOWHERE", errs.KindNotFound},
		{"malformed", "smg digital", errs.KindInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			d, err := f.app.GetDepartment(as(anonymous), tc.code)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want == errstest.Succeeds {
				require.Equal(t, "02-2133-2900", d.Phone)
			}
		})
	}
	f := newFixture()
	all, err := f.app.ListDepartments(as(anonymous))
	require.NoError(t, err)
	require.Len(t, all, 3)
	require.Equal(t, "SMG-CULTURE", all[0].Code, "by code")
}
