// Package config loads typed configuration from the environment. Each binary
// has one struct that embeds the shared sub-configs below; nothing else in
// the suite reads os.Getenv. Loading reports every bad setting at once, by
// its variable name.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Validator is implemented by config structs with rules beyond types.
type Validator interface {
	// Validate returns problems, each naming its environment variable.
	Validate() []string
}

// Load fills cfg (a pointer to a struct) from the environment and validates
// it, naming every bad setting in one error.
func Load(cfg any) error {
	var problems []string
	if err := env.Parse(cfg); err != nil {
		var agg env.AggregateError
		if errors.As(err, &agg) {
			names := envNames(reflect.TypeOf(cfg))
			for _, e := range agg.Errors {
				problems = append(problems, describe(e, names))
			}
		} else {
			problems = append(problems, err.Error())
		}
	}
	problems = append(problems, validateAll(cfg)...)
	if len(problems) > 0 {
		return fmt.Errorf("invalid configuration:\n  - %s", strings.Join(problems, "\n  - "))
	}
	return nil
}

// describe names the environment variable behind a parse error, because
// the library reports Go field names that mean nothing to an operator.
func describe(err error, names map[string]string) string {
	var pe env.ParseError
	if errors.As(err, &pe) {
		if name, ok := names[pe.Name]; ok {
			return fmt.Sprintf("%s: cannot parse as %s: %v", name, pe.Type, errors.Unwrap(pe.Err))
		}
	}
	return err.Error()
}

// envNames maps struct field names to their env tags, through embedded
// structs.
func envNames(t reflect.Type) map[string]string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	out := map[string]string{}
	if t.Kind() != reflect.Struct {
		return out
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if tag := f.Tag.Get("env"); tag != "" {
			out[f.Name] = strings.Split(tag, ",")[0]
		} else if f.Type.Kind() == reflect.Struct {
			for k, v := range envNames(f.Type) {
				out[k] = v
			}
		}
	}
	return out
}

// validateAll runs Validate on cfg and on its embedded sub-configs.
func validateAll(cfg any) []string {
	var out []string
	if v, ok := cfg.(Validator); ok {
		out = append(out, v.Validate()...)
	}
	if s, ok := cfg.(interface{ Subconfigs() []Validator }); ok {
		for _, sub := range s.Subconfigs() {
			out = append(out, sub.Validate()...)
		}
	}
	return out
}

// Log configures log/slog.
type Log struct {
	Format string `env:"LOG_FORMAT" envDefault:"json"`
	Level  string `env:"LOG_LEVEL" envDefault:"info"`
}

// Validate implements Validator.
func (l Log) Validate() []string {
	var p []string
	if l.Format != "json" && l.Format != "text" {
		p = append(p, fmt.Sprintf("LOG_FORMAT=%q: must be json or text", l.Format))
	}
	switch strings.ToLower(l.Level) {
	case "debug", "info", "warn", "error":
	default:
		p = append(p, fmt.Sprintf("LOG_LEVEL=%q: must be debug, info, warn or error", l.Level))
	}
	return p
}

// Server configures a service's listeners and shutdown.
type Server struct {
	GRPCAddr        string        `env:"GRPC_ADDR" envDefault:"127.0.0.1:9090"`
	MetricsAddr     string        `env:"METRICS_ADDR" envDefault:"127.0.0.1:9190"`
	ShutdownTimeout time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"15s"`
	// MaxConnectionAge makes clients re-resolve and rebalance across replicas.
	MaxConnectionAge time.Duration `env:"GRPC_MAX_CONNECTION_AGE" envDefault:"5m"`
	// PprofEnabled serves /debug/pprof/ beside /metrics on the internal
	// METRICS_ADDR. Off unless asked for: a profile shows memory contents
	// and costs CPU, so production turns it on only while investigating.
	PprofEnabled bool `env:"PPROF_ENABLED" envDefault:"false"`
}

// Validate implements Validator.
func (s Server) Validate() []string {
	var p []string
	p = append(p, CheckAddr("GRPC_ADDR", s.GRPCAddr)...)
	p = append(p, CheckAddr("METRICS_ADDR", s.MetricsAddr)...)
	if s.ShutdownTimeout <= 0 {
		p = append(p, "SHUTDOWN_TIMEOUT: must be positive")
	}
	return p
}

// Postgres configures the service's own database.
type Postgres struct {
	URL      string `env:"DATABASE_URL"`
	MaxConns int32  `env:"DATABASE_MAX_CONNS" envDefault:"20"`
}

// Validate implements Validator.
func (d Postgres) Validate() []string {
	if d.URL == "" {
		return []string{"DATABASE_URL: required (postgres://user@host:port/db)"}
	}
	if u, err := url.Parse(d.URL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return []string{fmt.Sprintf("DATABASE_URL: not a postgres:// URL")}
	}
	if d.MaxConns < 1 {
		return []string{"DATABASE_MAX_CONNS: must be at least 1"}
	}
	return nil
}

// NATS configures the JetStream connection.
type NATS struct {
	URL string `env:"NATS_URL" envDefault:"nats://127.0.0.1:4222"`
	// Replicas of the streams this service owns: 1 on one node, 3 in a cluster.
	StreamReplicas int `env:"NATS_STREAM_REPLICAS" envDefault:"1"`
}

// Validate implements Validator.
func (n NATS) Validate() []string {
	var p []string
	if !strings.HasPrefix(n.URL, "nats://") && !strings.HasPrefix(n.URL, "tls://") {
		p = append(p, fmt.Sprintf("NATS_URL=%q: must start with nats:// or tls://", n.URL))
	}
	if n.StreamReplicas < 1 || n.StreamReplicas > 5 {
		p = append(p, "NATS_STREAM_REPLICAS: must be 1..5")
	}
	return p
}

// Auth configures bearer-token verification.
type Auth struct {
	Issuer   string `env:"AUTH_ISSUER" envDefault:"https://id.seoul.go.kr"`
	Audience string `env:"AUTH_AUDIENCE" envDefault:"seoul-homepage"`
	JWKSFile string `env:"AUTH_JWKS_FILE"`
	JWKSURL  string `env:"AUTH_JWKS_URL"`
	// ClientsFile is the registry of machine clients (platform/clients):
	// without it no machine client's token is accepted.
	ClientsFile string `env:"AUTH_CLIENTS_FILE"`
}

// Validate implements Validator.
func (a Auth) Validate() []string {
	var p []string
	if a.JWKSFile == "" && a.JWKSURL == "" {
		p = append(p, "AUTH_JWKS_FILE or AUTH_JWKS_URL: one is required to verify bearer tokens")
	}
	if a.Issuer == "" {
		p = append(p, "AUTH_ISSUER: required")
	}
	if a.Audience == "" {
		p = append(p, "AUTH_AUDIENCE: required")
	}
	return p
}

// TLS configures mutual TLS for gRPC between the edge and the services and
// between services: each side presents its certificate and verifies the
// other's against the CA. All three files set turns it on; none leaves
// gRPC in plaintext (local runs, tests). In Kubernetes cert-manager writes
// them (tls.crt, tls.key, ca.crt) and renews them; renewed key pairs are
// picked up without a restart.
type TLS struct {
	CertFile string `env:"GRPC_TLS_CERT_FILE"`
	KeyFile  string `env:"GRPC_TLS_KEY_FILE"`
	CAFile   string `env:"GRPC_TLS_CA_FILE"`
}

// Enabled reports whether mutual TLS is configured.
func (t TLS) Enabled() bool { return t.CertFile != "" || t.KeyFile != "" || t.CAFile != "" }

// Validate implements Validator: all three files or none.
func (t TLS) Validate() []string {
	if t.Enabled() && (t.CertFile == "" || t.KeyFile == "" || t.CAFile == "") {
		return []string{"GRPC_TLS_CERT_FILE, GRPC_TLS_KEY_FILE and GRPC_TLS_CA_FILE: set all three for mutual TLS, or none"}
	}
	return nil
}

// CheckAddr reports a problem when addr (the value of variable name) is not
// host:port.
func CheckAddr(name, addr string) []string {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return []string{fmt.Sprintf("%s=%q: must be host:port", name, addr)}
	}
	return nil
}
