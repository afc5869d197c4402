package server

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	good := func() Config {
		return Config{HTTPAddr: "127.0.0.1:8090", EdgeURL: "http://127.0.0.1:8080", PublicURL: "https://www.seoul.go.kr",
			OIDCIssuer: "https://id.seoul.go.kr", OIDCClientID: "seoul-web", SessionIdle: 1, SessionMaxAge: 1,
			SessionCapacity: 1, RequestTimeout: 1, ShutdownTimeout: 1}
	}
	cases := []struct {
		name   string
		change func(*Config)
		want   string // a problem naming this variable; "" for none
	}{
		{"production", func(*Config) {}, ""},
		{"development sign-in on localhost", func(c *Config) {
			c.OIDCIssuer, c.DevSignIn, c.PublicURL = "", true, "http://127.0.0.1:8090"
		}, ""},
		{"no way to sign in", func(c *Config) { c.OIDCIssuer = "" }, "OIDC_ISSUER_URL"},
		{"a provider without a client", func(c *Config) { c.OIDCClientID = "" }, "OIDC_CLIENT_ID"},
		{"plain http beyond localhost", func(c *Config) { c.PublicURL = "http://www.seoul.go.kr" }, "PUBLIC_URL"},
		{"an edge that is no URL", func(c *Config) { c.EdgeURL = "127.0.0.1:8080" }, "EDGE_URL"},
		{"no sessions", func(c *Config) { c.SessionCapacity = 0 }, "SESSION_CAPACITY"},
	}
	for _, c := range cases {
		cfg := good()
		c.change(&cfg)
		problems := strings.Join(cfg.Validate(), "\n")
		if c.want == "" {
			require.Empty(t, problems, c.name)
		} else {
			require.Contains(t, problems, c.want, c.name)
		}
	}
}

func TestCookiesSecureExceptOnPlainLocalhost(t *testing.T) {
	t.Parallel()
	for url, secure := range map[string]bool{"https://www.seoul.go.kr": true, "http://127.0.0.1:8090": false,
		"http://localhost:8090": false, "https://localhost": true} {
		require.Equal(t, secure, (&Config{PublicURL: url}).SecureCookies(), url)
	}
}

func TestPagesListsTheSite(t *testing.T) {
	t.Parallel()
	pages := Pages()
	require.Contains(t, pages, "/items/{slug}")
	require.Contains(t, pages, "/staff/complaints/{id}")
	require.NotContains(t, pages, "/static/{name}", "assets are not pages")
}
