// Package server runs the web front: its configuration from the
// environment and the HTTP server around the site's pages. It is
// importable so the end-to-end tests can list the site's pages.
package server

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/config"
)

// Config is everything the web front reads from the environment.
type Config struct {
	config.Log

	HTTPAddr string `env:"HTTP_ADDR" envDefault:"127.0.0.1:8090"`
	// EdgeURL is the REST edge the pages call (never a service directly).
	EdgeURL string `env:"EDGE_URL" envDefault:"http://127.0.0.1:8080"`
	// PublicURL is the site's own address as visitors reach it: the OIDC
	// redirect is built from it, and cookies are Secure unless it is
	// plain http on localhost.
	PublicURL string `env:"PUBLIC_URL" envDefault:"http://127.0.0.1:8090"`

	// DevSignIn offers the development sign-in page (needs the edge's
	// DEV_ISSUER_ENABLED=true); never on in production.
	DevSignIn bool `env:"DEV_SIGNIN_ENABLED" envDefault:"false"`

	OIDCIssuer           string   `env:"OIDC_ISSUER_URL"`
	OIDCClientID         string   `env:"OIDC_CLIENT_ID"`
	OIDCClientSecretFile string   `env:"OIDC_CLIENT_SECRET_FILE"`
	OIDCScopes           []string `env:"OIDC_SCOPES" envSeparator:"," envDefault:"profile"`

	SessionIdle     time.Duration `env:"SESSION_IDLE_TIMEOUT" envDefault:"30m"`
	SessionMaxAge   time.Duration `env:"SESSION_MAX_AGE" envDefault:"8h"`
	SessionCapacity int           `env:"SESSION_CAPACITY" envDefault:"100000"`

	// RequestTimeout bounds each page, its calls to the edge included.
	RequestTimeout  time.Duration `env:"REQUEST_TIMEOUT" envDefault:"20s"`
	ShutdownTimeout time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"15s"`
}

// Subconfigs lets config.Load validate the shared parts.
func (c *Config) Subconfigs() []config.Validator { return []config.Validator{c.Log} }

// Validate implements config.Validator; each problem names its variable.
func (c *Config) Validate() []string {
	var p []string
	p = append(p, config.CheckAddr("HTTP_ADDR", c.HTTPAddr)...)
	p = append(p, checkURL("EDGE_URL", c.EdgeURL)...)
	p = append(p, checkURL("PUBLIC_URL", c.PublicURL)...)
	if u, err := url.Parse(c.PublicURL); err == nil && u.Scheme == "http" && !localhost(u.Hostname()) {
		p = append(p, "PUBLIC_URL: must be https:// (plain http only on localhost)")
	}
	if c.OIDCIssuer == "" && !c.DevSignIn {
		p = append(p, "OIDC_ISSUER_URL: required (or DEV_SIGNIN_ENABLED=true in development)")
	}
	if c.OIDCIssuer != "" {
		p = append(p, checkURL("OIDC_ISSUER_URL", c.OIDCIssuer)...)
		if c.OIDCClientID == "" {
			p = append(p, "OIDC_CLIENT_ID: required with OIDC_ISSUER_URL")
		}
	}
	for name, d := range map[string]time.Duration{"SESSION_IDLE_TIMEOUT": c.SessionIdle, "SESSION_MAX_AGE": c.SessionMaxAge,
		"REQUEST_TIMEOUT": c.RequestTimeout, "SHUTDOWN_TIMEOUT": c.ShutdownTimeout} {
		if d <= 0 {
			p = append(p, name+": must be positive")
		}
	}
	if c.SessionCapacity < 1 {
		p = append(p, "SESSION_CAPACITY: must be at least 1")
	}
	return p
}

// SecureCookies tells whether cookies get the Secure flag: always, except
// for a site served over plain http on localhost (make run).
func (c *Config) SecureCookies() bool {
	u, err := url.Parse(c.PublicURL)
	return err != nil || u.Scheme != "http" || !localhost(u.Hostname())
}

func localhost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

func checkURL(name, v string) []string {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return []string{fmt.Sprintf("%s=%q: must be an http:// or https:// URL", name, v)}
	}
	if strings.TrimRight(u.Path, "/") != "" && name != "OIDC_ISSUER_URL" {
		return []string{fmt.Sprintf("%s=%q: must have no path", name, v)}
	}
	return nil
}
