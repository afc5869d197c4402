package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring/transittest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// transitConfig is the service keeping its key-encryption keys in a
// Transit engine (PRIVACY_KMS=transit), with a token file.
func transitConfig(t *testing.T, s *transittest.Server, index string, version int) *server.Config {
	t.Helper()
	tokenFile := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte(s.Token+"\n"), 0o600))
	cfg := server.TestConfig()
	cfg.KEKs, cfg.KEKActive, cfg.IndexKey = "", 0, index
	cfg.KMS, cfg.TransitAddr, cfg.TransitKey, cfg.TransitTokenFile, cfg.TransitKeyVersion = "transit", s.URL, s.Key, tokenFile, version
	return cfg
}

// A10.4: with the KMS seam set to Transit, data keys are wrapped by the
// external KMS (the database holds only its ciphertexts, no key), values
// read back through it, and a rotation of the Transit key is carried out
// by the rewrap job like a rotation of the key file.
func TestA10_4_KeyEncryptionKeysInTransit(t *testing.T) {
	t.Parallel()
	kms := transittest.Start(t)
	index := server.TestConfig().IndexKey
	f := start(t, transitConfig(t, kms, index, 0))
	tok := f.store(t, "kms-1", "phone", "010-4321-8765")
	got, err := f.reveal(t, "kms-1", tok["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-4321-8765", got["phone"])
	var wrapped []byte
	require.NoError(t, f.db.QueryRow(t.Context(), `SELECT wrapped_key FROM subjects WHERE subject_id = 'kms-1'`).Scan(&wrapped))
	require.True(t, strings.HasPrefix(string(wrapped), "vault:v1:"), "the wrapped key is the KMS's ciphertext")
	require.Positive(t, kms.Calls("encrypt"))

	kms.Rotate()
	cfg := transitConfig(t, kms, index, 0)
	cfg.RewrapInterval = 50 * time.Millisecond
	f = restart(t, f, cfg)
	servicetest.Eventually(t, "the rewrap job moves the data key to version 2", func() bool { return usage(t, f)[2] == 1 && usage(t, f)[1] == 0 })
	got, err = f.reveal(t, "kms-1", tok["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-4321-8765", got["phone"])
	st, err := f.c.GetKeyStatus(f.as(t, servicetest.Admin("adm")), &privacyv1.GetKeyStatusRequest{})
	require.NoError(t, err)
	require.EqualValues(t, 2, st.ActiveVersion)
}
