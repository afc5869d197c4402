package edge

import (
	"fmt"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/gateway/internal/cache"
	"github.com/seoul-gov/homepage/gateway/internal/middleware"
	"github.com/seoul-gov/homepage/gateway/internal/open311"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/tracing"
)

// Config is everything the edge reads from the environment.
type Config struct {
	config.Log
	config.Auth
	// TLS is the edge's mutual-TLS identity towards the services.
	config.TLS
	Upstreams
	DevIssuer
	tracing.Config
	// Open311 describes the GeoReport v2 endpoint (/open311/v2/).
	Open311 open311.Config
	// Cache is the cache of anonymous public reads (package cache).
	Cache cache.Config

	HTTPAddr    string `env:"HTTP_ADDR" envDefault:"127.0.0.1:8080"`
	MetricsAddr string `env:"METRICS_ADDR" envDefault:"127.0.0.1:9180"`
	// PprofEnabled serves /debug/pprof/ on METRICS_ADDR (off by default).
	PprofEnabled bool `env:"PPROF_ENABLED" envDefault:"false"`

	// CORSAllowedOrigins lists browser origins allowed to call the API;
	// empty means no cross-origin access.
	CORSAllowedOrigins []string `env:"CORS_ALLOWED_ORIGINS" envSeparator:","`
	// RateLimitRPS and RateLimitBurst size each client's token bucket.
	RateLimitRPS   float64 `env:"RATE_LIMIT_RPS" envDefault:"50"`
	RateLimitBurst int     `env:"RATE_LIMIT_BURST" envDefault:"100"`
	// AddressRateLimitRPS and AddressRateLimitBurst size each client
	// address's bucket, applied before the token is verified (several
	// signed-in users may share an address, so it is the larger).
	AddressRateLimitRPS   float64 `env:"RATE_LIMIT_ADDRESS_RPS" envDefault:"200"`
	AddressRateLimitBurst int     `env:"RATE_LIMIT_ADDRESS_BURST" envDefault:"400"`
	// RequestTimeout bounds each request, upstream call included.
	RequestTimeout time.Duration `env:"REQUEST_TIMEOUT" envDefault:"15s"`
	// ShutdownTimeout bounds draining in-flight requests on SIGTERM.
	ShutdownTimeout time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"20s"`
}

// Upstreams are the gRPC targets of the seven services ("host:port" or any
// gRPC target such as "dns:///content:9090").
type Upstreams struct {
	ContentAddr  string `env:"CONTENT_ADDR" envDefault:"127.0.0.1:9101"`
	BoardAddr    string `env:"BOARD_ADDR" envDefault:"127.0.0.1:9102"`
	PetitionAddr string `env:"PETITION_ADDR" envDefault:"127.0.0.1:9103"`
	EventAddr    string `env:"EVENT_ADDR" envDefault:"127.0.0.1:9104"`
	MileageAddr  string `env:"MILEAGE_ADDR" envDefault:"127.0.0.1:9105"`
	PrivacyAddr  string `env:"PRIVACY_ADDR" envDefault:"127.0.0.1:9106"`
	MailAddr     string `env:"MAIL_ADDR" envDefault:"127.0.0.1:9107"`
}

// DevIssuer configures the development token issuer (POST /dev/token).
type DevIssuer struct {
	DevIssuerEnabled bool `env:"DEV_ISSUER_ENABLED" envDefault:"false"`
	// DevIssuerKeyFile is the private JWK written by identity.Issuer.WriteKeyFiles;
	// its public half must be in the JWKS the edge and services trust.
	DevIssuerKeyFile string `env:"DEV_ISSUER_KEY_FILE"`
}

// Subconfigs lets config.Load validate the shared parts.
func (c *Config) Subconfigs() []config.Validator {
	return []config.Validator{c.Log, c.Auth, c.TLS, c.Config}
}

// Validate implements config.Validator; each problem names its variable.
func (c *Config) Validate() []string {
	var p []string
	p = append(p, config.CheckAddr("HTTP_ADDR", c.HTTPAddr)...)
	p = append(p, config.CheckAddr("METRICS_ADDR", c.MetricsAddr)...)
	for _, u := range c.upstreams() {
		p = append(p, checkTarget(u.env, u.addr)...)
	}
	p = append(p, c.Open311.Problems()...)
	p = append(p, c.Cache.Validate()...)
	if c.DevIssuerEnabled && c.DevIssuerKeyFile == "" {
		p = append(p, "DEV_ISSUER_KEY_FILE: required when DEV_ISSUER_ENABLED=true")
	}
	for _, o := range c.CORSAllowedOrigins {
		if !middleware.ValidOrigin(strings.TrimSpace(o)) {
			p = append(p, fmt.Sprintf("CORS_ALLOWED_ORIGINS: %q is not * or an origin like https://www.seoul.go.kr", o))
		}
	}
	p = append(p, c.validateLimits()...)
	return p
}

func (c *Config) validateLimits() []string {
	var p []string
	if c.RateLimitRPS <= 0 {
		p = append(p, "RATE_LIMIT_RPS: must be positive")
	}
	if c.RateLimitBurst < 1 {
		p = append(p, "RATE_LIMIT_BURST: must be at least 1")
	}
	if c.AddressRateLimitRPS <= 0 {
		p = append(p, "RATE_LIMIT_ADDRESS_RPS: must be positive")
	}
	if c.AddressRateLimitBurst < 1 {
		p = append(p, "RATE_LIMIT_ADDRESS_BURST: must be at least 1")
	}
	if c.RequestTimeout <= 0 {
		p = append(p, "REQUEST_TIMEOUT: must be positive")
	}
	if c.ShutdownTimeout <= 0 {
		p = append(p, "SHUTDOWN_TIMEOUT: must be positive")
	}
	return p
}

// problems runs every validation, for configs built in code (tests) that
// did not come through config.Load.
func (c *Config) problems() []string {
	p := c.Validate()
	for _, sub := range c.Subconfigs() {
		p = append(p, sub.Validate()...)
	}
	return p
}

// origins returns the trimmed CORS origins.
func (c *Config) origins() []string {
	var out []string
	for _, o := range c.CORSAllowedOrigins {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// checkTarget accepts host:port, several separated by commas (replicas on
// one machine, spread over by the client), or a gRPC target with a
// resolver scheme.
func checkTarget(name, target string) []string {
	if scheme, rest, ok := strings.Cut(target, "://"); ok && scheme != "" && rest != "" {
		return nil
	}
	var p []string
	for _, addr := range strings.Split(target, ",") {
		p = append(p, config.CheckAddr(name, strings.TrimSpace(addr))...)
	}
	return p
}
