package config_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/config"
)

type sample struct {
	config.Log
	config.Server
	config.Postgres
	Port int `env:"SAMPLE_PORT" envDefault:"1"`
}

func (s *sample) Subconfigs() []config.Validator {
	return []config.Validator{s.Log, s.Server, s.Postgres}
}

func TestLoadNamesEveryBadSetting(t *testing.T) {
	t.Setenv("LOG_FORMAT", "xml")
	t.Setenv("GRPC_ADDR", "nonsense")
	t.Setenv("SAMPLE_PORT", "eighty")
	var cfg sample
	err := config.Load(&cfg)
	require.Error(t, err)
	for _, name := range []string{"LOG_FORMAT", "GRPC_ADDR", "SAMPLE_PORT", "DATABASE_URL"} {
		require.Contains(t, err.Error(), name)
	}
}

func TestLoadDefaults(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://u@127.0.0.1:5432/x")
	var cfg sample
	require.NoError(t, config.Load(&cfg))
	require.Equal(t, "json", cfg.Format)
	require.Equal(t, "127.0.0.1:9090", cfg.GRPCAddr)
}

func TestTLSIsAllOrNothing(t *testing.T) {
	t.Parallel()
	require.Empty(t, config.TLS{}.Validate())
	require.False(t, config.TLS{}.Enabled())
	full := config.TLS{CertFile: "c", KeyFile: "k", CAFile: "ca"}
	require.Empty(t, full.Validate())
	require.True(t, full.Enabled())
	require.Contains(t, config.TLS{CertFile: "c"}.Validate()[0], "GRPC_TLS_CA_FILE")
}
