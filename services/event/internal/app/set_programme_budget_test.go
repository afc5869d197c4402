package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

// Admins set a year's programme budget, never below what the year's
// participation events hold (A7.2).
func TestSetProgrammeBudget(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.create(t)
	for _, tc := range []struct {
		caller identity.Claims
		year   int
		amount int64
		kind   errs.Kind
		reason string
	}{
		{official, 2026, 5_000_000, errs.KindPermissionDenied, ""},
		{citizen, 2026, 5_000_000, errs.KindPermissionDenied, ""},
		{admin, 1999, 5_000_000, errs.KindInvalid, "year:OUT_OF_RANGE"},
		{admin, 2026, -1, errs.KindInvalid, "amount:OUT_OF_RANGE"},
		{admin, 2026, 999_999, errs.KindFailedPrecondition, "PROGRAMME_BUDGET_BELOW_ALLOCATED"},
	} {
		_, err := f.app.SetProgrammeBudget(as(tc.caller), tc.year, tc.amount)
		requireErr(t, err, tc.kind, tc.reason)
		require.Equal(t, int64(10_000_000), f.w.budgets[2026])
	}
	pb, err := f.app.SetProgrammeBudget(as(admin), 2026, 1_000_000)
	require.NoError(t, err)
	require.Equal(t, int64(1_000_000), pb.Amount)
	require.Equal(t, int64(1_000_000), pb.Allocated)
	pb, err = f.app.SetProgrammeBudget(as(admin), 2027, 3_000_000)
	require.NoError(t, err)
	require.Equal(t, int64(3_000_000), f.w.budgets[2027])
}

// The budget report is for officials and admins.
func TestGetBudgetReport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.create(t)
	for _, c := range []identity.Claims{anon, citizen} {
		_, err := f.app.GetBudgetReport(as(c), 2026)
		require.Error(t, err)
	}
	r, err := f.app.GetBudgetReport(as(outsider), 2026)
	require.NoError(t, err)
	require.Len(t, r.Events, 1)
	_, err = f.app.GetBudgetReport(as(admin), 2025)
	requireErr(t, err, errs.KindNotFound, "NO_PROGRAMME_BUDGET")
	_, err = f.app.GetBudgetReport(as(admin), 3000)
	requireErr(t, err, errs.KindInvalid, "year:OUT_OF_RANGE")
}
