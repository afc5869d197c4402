package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// TestDevKeysConfigureTheService: the variables WriteDevKeys returns are a
// complete, valid key configuration, loaded as the binary loads it.
func TestDevKeysConfigureTheService(t *testing.T) {
	env, err := server.WriteDevKeys(t.TempDir())
	require.NoError(t, err)
	for k, v := range env {
		t.Setenv(k, v)
	}
	require.NoError(t, config.Load(&server.Config{}))
	boot := start(t, loaded(t))
	require.NotEmpty(t, boot.store(t, "dev-keys", "phone", "010-1234-5678")["phone"])
}

func loaded(t *testing.T) *server.Config {
	t.Helper()
	cfg := &server.Config{}
	require.NoError(t, config.Load(cfg))
	return cfg
}

// TestKeyConfigurationErrorsNameTheVariable.
func TestKeyConfigurationErrorsNameTheVariable(t *testing.T) {
	t.Setenv("PRIVACY_KEKS", "")
	t.Setenv("PRIVACY_KEK_FILE", "")
	t.Setenv("PRIVACY_INDEX_KEY", "")
	err := config.Load(&server.Config{})
	require.ErrorContains(t, err, "PRIVACY_KEK_FILE or PRIVACY_KEKS")
	require.ErrorContains(t, err, "PRIVACY_INDEX_KEY")

	t.Setenv("PRIVACY_KEKS", "1:not-base64")
	t.Setenv("PRIVACY_INDEX_KEY", "c2hvcnQ=")
	err = config.Load(&server.Config{})
	require.ErrorContains(t, err, "PRIVACY_KEKS")
	require.ErrorContains(t, err, "must decode to 32 bytes")
	require.NotContains(t, err.Error(), "not-base64", "key material is never echoed")
}
