package server_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

func indexUsage(t *testing.T, f fixture) map[int32]int64 {
	t.Helper()
	st, err := f.c.GetKeyStatus(f.as(t, servicetest.Admin("adm")), &privacyv1.GetKeyStatusRequest{})
	require.NoError(t, err)
	out := map[int32]int64{}
	for _, u := range st.IndexUsage {
		out[u.Version] = u.Fields
	}
	return out
}

func findPhone(t *testing.T, f fixture, value string) []string {
	t.Helper()
	got, err := f.c.FindSubject(f.as(t, servicetest.PrivacyOfficer("po-idx")), &privacyv1.FindSubjectRequest{
		Field: "phone", Value: value, Purpose: "subject_access_request", CaseReference: "sar-idx"})
	require.NoError(t, err)
	var out []string
	for _, m := range got.Matches {
		out = append(out, m.SubjectId)
	}
	return out
}

// A10.4: the blind-index key is rotated online: with a second version
// active, lookups find rows indexed under either version while the
// re-index job moves the old ones; then the first version is retired (its
// value kept as the access log's chain key) and everything is still found
// and the log still verifies.
func TestA10_4_BlindIndexKeyRotatesWithOnlineReindex(t *testing.T) {
	t.Parallel()
	idx1, idx2, kek := keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey())
	f := start(t, keyConfig(idx1, 1, map[int]string{1: kek}))
	f.store(t, "idx-old", "phone", "010-5000-6000")

	rotating := keyConfig("", 1, map[int]string{1: kek})
	rotating.IndexKeys, rotating.ReindexInterval = "1:"+idx1+",2:"+idx2, time.Hour
	f = restart(t, f, rotating)
	f.store(t, "idx-new", "phone", "01050006000")
	require.Equal(t, map[int32]int64{1: 1, 2: 1}, indexUsage(t, f))
	require.ElementsMatch(t, []string{"idx-old", "idx-new"}, findPhone(t, f, "010 5000 6000"), "both versions match during the rotation")

	rotating.ReindexInterval = 50 * time.Millisecond
	f = restart(t, f, rotating)
	servicetest.Eventually(t, "the re-index job moves the old row", func() bool {
		u := indexUsage(t, f)
		return u[2] == 2 && u[1] == 0
	})
	require.ElementsMatch(t, []string{"idx-old", "idx-new"}, findPhone(t, f, "010-5000-6000"))

	retired := keyConfig("", 1, map[int]string{1: kek})
	retired.IndexKeys, retired.ChainKey = "2:"+idx2, idx1
	f = restart(t, f, retired)
	require.ElementsMatch(t, []string{"idx-old", "idx-new"}, findPhone(t, f, "01050006000"), "version 1 retired")
	v, err := f.c.VerifyAccessLog(f.as(t, servicetest.PrivacyOfficer("po-idx")), &privacyv1.VerifyAccessLogRequest{})
	require.NoError(t, err)
	require.True(t, v.Intact, "the chain key stayed")
}
