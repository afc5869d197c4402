package launcher

import (
	_ "embed"
	"os"
	"path/filepath"

	"github.com/seoul-gov/homepage/platform/clients"
)

// localClients is the machine-client registry of a local run (each client's
// allowed RPCs, purposes and fields; deploy/k8s has the cluster's). Tokens
// for them come from the development issuer: POST /dev/token with
// {"subject":"client:mail","roles":["service"],"client":"mail"}.
//
//go:embed clients.json
var localClients []byte

// LocalClients is the registry every service of a local run reads.
func LocalClients() (*clients.Registry, error) { return clients.Parse(localClients) }

// writeClients puts the registry in the state directory for
// AUTH_CLIENTS_FILE, after checking it parses.
func (s *Suite) writeClients() error {
	if _, err := LocalClients(); err != nil {
		return err
	}
	s.clientsFile = filepath.Join(s.state, "clients.json")
	return os.WriteFile(s.clientsFile, localClients, 0o644)
}

// GRPCAddr is where service svc serves gRPC (tests call services directly,
// as departments' systems do).
func (s *Suite) GRPCAddr(svc string) string { return s.cfg.Ports.GRPC(svc) }
