package server_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// anchorKey is the one anchor signing key of every restart: the service
// keeps its anchor key, so the anchors it signed stay genuine.
var anchorKey = keyring.EncodeKey(keyring.RandomKey())

// keyConfig is a Config with fixed keys, so several service instances
// share one database and its key material across a "restart".
func keyConfig(index string, active int, keys map[int]string) *server.Config {
	cfg := server.TestConfig()
	cfg.IndexKey, cfg.KEKActive, cfg.KEKs, cfg.AnchorKey = index, active, "", anchorKey
	for v, k := range keys {
		if cfg.KEKs != "" {
			cfg.KEKs += ","
		}
		cfg.KEKs += strconv.Itoa(v) + ":" + k
	}
	cfg.RewrapInterval = time.Hour
	return cfg
}

// restart boots cfg on prev's database (the service restarted with new keys).
func restart(t *testing.T, prev fixture, cfg *server.Config) fixture {
	t.Helper()
	prev.env.Stop()
	f := start(t, cfg, servicetest.WithNATS(prev.env.NATS), servicetest.WithIssuer(prev.env),
		servicetest.WithConfig(func(c *service.Config) { c.Postgres.URL = prev.dbURL }))
	f.db, f.dbURL = prev.db, prev.dbURL
	return f
}

func usage(t *testing.T, f fixture) map[int32]int64 {
	t.Helper()
	st, err := f.c.GetKeyStatus(f.as(t, servicetest.Admin("adm")), &privacyv1.GetKeyStatusRequest{})
	require.NoError(t, err)
	out := map[int32]int64{}
	for _, u := range st.Usage {
		out[u.Version] = u.DataKeys
	}
	return out
}

// TestA10_4_RotationAndRewrapKeepEverythingReadable: new writes use the new
// KEK version; old data stays readable; the rewrap moves old data keys
// without touching ciphertexts; after it the old version can be retired.
func TestA10_4_RotationAndRewrapKeepEverythingReadable(t *testing.T) {
	t.Parallel()
	idx, k1, k2 := keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey())
	f := start(t, keyConfig(idx, 1, map[int]string{1: k1}))
	old := f.store(t, "before-rotation", "name", "이전값", "phone", "010-1000-2000")
	var cipherBefore []byte
	require.NoError(t, f.db.QueryRow(context.Background(), `SELECT ciphertext FROM personal_fields WHERE token = $1`, old["phone"]).Scan(&cipherBefore))

	f = restart(t, f, keyConfig(idx, 2, map[int]string{1: k1, 2: k2}))
	fresh := f.store(t, "after-rotation", "phone", "010-3000-4000")
	require.Equal(t, map[int32]int64{1: 1, 2: 1}, usage(t, f), "new subject wrapped by v2, old still v1")
	got, err := f.reveal(t, "before-rotation", old["phone"], old["name"])
	require.NoError(t, err)
	require.Equal(t, "010-1000-2000", got["phone"])

	r, err := f.c.RewrapDataKeys(f.as(t, servicetest.Admin("adm")), &privacyv1.RewrapDataKeysRequest{})
	require.NoError(t, err)
	require.EqualValues(t, 1, r.Rewrapped)
	require.Equal(t, map[int32]int64{2: 2}, usage(t, f))
	var cipherAfter []byte
	require.NoError(t, f.db.QueryRow(context.Background(), `SELECT ciphertext FROM personal_fields WHERE token = $1`, old["phone"]).Scan(&cipherAfter))
	require.Equal(t, cipherBefore, cipherAfter, "rewrap never re-encrypts personal values")

	// v1 retired: everything is still readable with v2 alone.
	f = restart(t, f, keyConfig(idx, 2, map[int]string{2: k2}))
	got, err = f.reveal(t, "before-rotation", old["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-1000-2000", got["phone"])
	got, err = f.reveal(t, "after-rotation", fresh["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-3000-4000", got["phone"])
	f.assign(t, "c-7", "SMG-CIVIL", "before-rotation")
	found, err := f.c.FindSubject(f.as(t, servicetest.Official("o", "SMG-CIVIL")), &privacyv1.FindSubjectRequest{
		Field: "phone", Value: "01010002000", Purpose: "complaint_handling", CaseReference: "c-7"})
	require.NoError(t, err)
	require.Equal(t, "before-rotation", found.Matches[0].SubjectId)
}

// TestRewrapJobRunsInBackground: the scheduled job moves old keys by itself.
func TestRewrapJobRunsInBackground(t *testing.T) {
	t.Parallel()
	idx, k1, k2 := keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey()), keyring.EncodeKey(keyring.RandomKey())
	f := start(t, keyConfig(idx, 1, map[int]string{1: k1}))
	tok := f.store(t, "bg", "email", "bg@example.com")
	cfg := keyConfig(idx, 2, map[int]string{1: k1, 2: k2})
	cfg.RewrapInterval = 50 * time.Millisecond
	f = restart(t, f, cfg)
	servicetest.Eventually(t, "background rewrap", func() bool { return usage(t, f)[2] == 1 && usage(t, f)[1] == 0 })
	got, err := f.reveal(t, "bg", tok["email"])
	require.NoError(t, err)
	require.Equal(t, "bg@example.com", got["email"])
}
