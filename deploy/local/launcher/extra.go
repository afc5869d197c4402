package launcher

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"sort"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/services/mileage/sandbox"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

// serviceEnv is the service-specific configuration of a local run: the
// privacy service's development keys and the mileage partners' sandbox.
func (s *Suite) serviceEnv(svc string) ([]string, error) {
	switch svc {
	case "privacy":
		vars, err := privacyserver.WriteDevKeys(filepath.Join(s.state, "privacy-keys"))
		if err != nil {
			return nil, err
		}
		return envList(vars), nil
	case "mileage":
		if err := s.startSandbox(); err != nil {
			return nil, err
		}
		return []string{"MILEAGE_PARTNER_URL=http://" + s.cfg.Ports.Sandbox()}, nil
	}
	return nil, nil
}

// startSandbox serves the redemption partners' sandbox (transit top-up,
// library gift certificates) in this process, as a real HTTP server.
func (s *Suite) startSandbox() error {
	ln, err := net.Listen("tcp", s.cfg.Ports.Sandbox())
	if err != nil {
		return fmt.Errorf("partner sandbox: %w", err)
	}
	srv := &http.Server{Handler: sandbox.NewHandler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	s.cleanup = append(s.cleanup, func() { _ = srv.Close() })
	return nil
}

func envList(vars map[string]string) []string {
	out := make([]string, 0, len(vars))
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

func asPg(err error, target **pgconn.PgError) bool { return errors.As(err, target) }
