package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

// A10.4: the blind-index key rotates like the data keys: after a new
// version is made active, lookups keep finding rows indexed under the old
// one, new rows are indexed under the new one, the re-index job moves the
// old rows, and then the old version can be retired.
func TestReindexBlindIndexOnline(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.store(t, "cit-old", "phone", "010-1234-5678")
	index2 := keyring.RandomKey()
	rotated := f.settings
	rotated.Keys = envelope.NewKeys(map[int][]byte{1: f.index1, 2: index2}, 2, f.index1)
	during := fixture{world: f.world, app: app.New(f.ports, rotated, f.clock.Now)}
	during.store(t, "cit-new", "phone", "01012345678")
	find := func(fx fixture) []string {
		got, err := fx.app.FindSubject(as(officer), app.LookupInput{Field: "phone", Value: "010 1234 5678",
			Purpose: "subject_access_request", CaseReference: "sar-1"})
		require.NoError(t, err)
		var subjects []string
		for _, m := range got {
			subjects = append(subjects, m.SubjectID)
		}
		return subjects
	}
	require.ElementsMatch(t, []string{"cit-old", "cit-new"}, find(during), "found under either version during the rotation")
	st, err := during.app.GetKeyStatus(as(admin))
	require.NoError(t, err)
	require.Equal(t, map[int]int64{1: 1, 2: 1}, st.IndexUsage)

	n, err := during.app.ReindexBlindIndex(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	st, err = during.app.GetKeyStatus(as(admin))
	require.NoError(t, err)
	require.Equal(t, map[int]int64{2: 2}, st.IndexUsage)
	require.Equal(t, 2, st.IndexActive)

	retired := f.settings
	retired.Keys = envelope.NewKeys(map[int][]byte{2: index2}, 2, f.index1)
	after := fixture{world: f.world, app: app.New(f.ports, retired, f.clock.Now)}
	require.ElementsMatch(t, []string{"cit-old", "cit-new"}, find(after), "version 1 retired")
	check, err := after.app.VerifyAccessLog(as(officer))
	require.NoError(t, err)
	require.True(t, check.Intact, "the chain key did not change")
}
