package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
)

// A10.1: a caller refused RefusalsPerMinute times is turned away before any
// work is done, whoever it asks about, until its allowance refills; other
// callers are not affected.
func TestRefusedCallersAreTurnedAway(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.store(t, "cit-1", "phone", "010-1234-5678")
	prober := as(citizen("prober"))
	for range 30 {
		_, err := f.app.GetMaskedData(prober, "cit-1", nil)
		require.Equal(t, errs.KindPermissionDenied, kindOf(err))
	}
	_, err := f.app.GetMaskedData(prober, "prober", nil)
	require.Equal(t, errs.KindResourceExhausted, kindOf(err), "even for their own data")
	_, err = f.app.StorePersonalData(prober, app.StoreInput{SubjectID: "prober", Purpose: "complaint",
		Fields: []app.FieldValue{{Name: "name", Value: "김철수"}}})
	require.Equal(t, errs.KindResourceExhausted, kindOf(err))
	require.Equal(t, 1, f.count())
	_, err = f.app.GetMaskedData(as(citizen("cit-1")), "cit-1", nil)
	require.NoError(t, err)
}
