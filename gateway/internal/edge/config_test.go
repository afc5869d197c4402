package edge_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/edge"
	"github.com/seoul-gov/homepage/platform/config"
)

// TestConfigDefaults loads from the environment, so it cannot run in
// parallel (t.Setenv).
func TestConfigDefaults(t *testing.T) {
	t.Setenv("AUTH_JWKS_FILE", "/etc/seoul/jwks.json")
	var cfg edge.Config

	require.NoError(t, config.Load(&cfg))

	require.Equal(t, "127.0.0.1:8080", cfg.HTTPAddr)
	require.Equal(t, "127.0.0.1:9180", cfg.MetricsAddr)
	require.Equal(t, edge.Upstreams{
		ContentAddr: "127.0.0.1:9101", BoardAddr: "127.0.0.1:9102", PetitionAddr: "127.0.0.1:9103",
		EventAddr: "127.0.0.1:9104", MileageAddr: "127.0.0.1:9105", PrivacyAddr: "127.0.0.1:9106",
		MailAddr: "127.0.0.1:9107",
	}, cfg.Upstreams)
	require.False(t, cfg.DevIssuerEnabled)
	require.Empty(t, cfg.CORSAllowedOrigins)
	require.InDelta(t, 50, cfg.RateLimitRPS, 0)
	require.Equal(t, 100, cfg.RateLimitBurst)
	require.Equal(t, 15*time.Second, cfg.RequestTimeout)
}

func TestConfigNamesEveryBadVariable(t *testing.T) {
	t.Setenv("AUTH_JWKS_FILE", "")
	t.Setenv("HTTP_ADDR", "8080")
	t.Setenv("BOARD_ADDR", "board")
	t.Setenv("EVENT_ADDR", "dns:///event.seoul.svc:9090")  // a valid gRPC target
	t.Setenv("MAIL_ADDR", "127.0.0.1:9107,127.0.0.1:9117") // two replicas: valid
	t.Setenv("PRIVACY_ADDR", "127.0.0.1:9106,privacy")     // the second is not host:port
	t.Setenv("DEV_ISSUER_ENABLED", "true")
	t.Setenv("CORS_ALLOWED_ORIGINS", "https://www.seoul.go.kr,www.seoul.go.kr/path")
	t.Setenv("RATE_LIMIT_RPS", "0")
	t.Setenv("RATE_LIMIT_BURST", "0")
	t.Setenv("REQUEST_TIMEOUT", "soon")
	var cfg edge.Config

	err := config.Load(&cfg)

	require.Error(t, err)
	for _, name := range []string{"AUTH_JWKS_FILE", "HTTP_ADDR", "BOARD_ADDR", "PRIVACY_ADDR", "DEV_ISSUER_KEY_FILE",
		"CORS_ALLOWED_ORIGINS", "RATE_LIMIT_RPS", "RATE_LIMIT_BURST", "REQUEST_TIMEOUT"} {
		require.Contains(t, err.Error(), name)
	}
	require.NotContains(t, err.Error(), "EVENT_ADDR")
	require.NotContains(t, err.Error(), "MAIL_ADDR")
}

func TestNewRefusesAnInvalidConfig(t *testing.T) {
	t.Parallel()
	_, err := edge.New(edge.Config{}, nil)

	require.ErrorContains(t, err, "HTTP_ADDR")
	require.ErrorContains(t, err, "CONTENT_ADDR")
}
