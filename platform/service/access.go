package service

import (
	"crypto/tls"
	"fmt"

	"google.golang.org/grpc"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/platform/mtls"
)

// access is what the service needs to know who calls it and to prove who
// it is when it calls: the machine-client registry, and the mutual-TLS
// configurations of its gRPC server and clients (nil when off).
type access struct {
	clients   *clients.Registry
	serverTLS *tls.Config
	clientTLS *tls.Config
}

func loadAccess(cfg Config) (access, error) {
	reg, err := clients.Load(cfg.ClientsFile)
	if err != nil {
		return access{}, fmt.Errorf("AUTH_CLIENTS_FILE: %w", err)
	}
	srv, err := mtls.ServerConfig(cfg.TLS)
	if err != nil {
		return access{}, err
	}
	cli, err := mtls.ClientConfig(cfg.TLS)
	if err != nil {
		return access{}, err
	}
	return access{clients: reg, serverTLS: srv, clientTLS: cli}, nil
}

// Dial connects to another service of the suite (grpcclient.Dial) with
// this service's mutual-TLS identity when it is configured, so the callee
// can tell which service is calling.
func (d *Deps) Dial(target string) (*grpc.ClientConn, error) {
	return grpcclient.Dial(target, grpcclient.WithTLS(d.access.clientTLS))
}
