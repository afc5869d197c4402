package launcher

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// MaxReplicas bounds SEOUL_REPLICAS: replica r's ports are 10·r above the
// first's, and five fit below the partner sandbox's and Mailpit's.
const MaxReplicas = 5

func (p Ports) replicas() int { return max(1, p.Replicas) }

// ReplicaName names replica r (from 0) of svc: "content", "content-2", ...
func ReplicaName(svc string, r int) string {
	if r == 0 {
		return svc
	}
	return svc + "-" + strconv.Itoa(r+1)
}

// replicaOf splits a replica's name into its service and index.
func replicaOf(name string) (string, int) {
	if svc, n, ok := strings.Cut(name, "-"); ok {
		if r, err := strconv.Atoi(n); err == nil && r > 1 {
			return svc, r - 1
		}
	}
	return name, 0
}

// ReplicaGRPC is the gRPC address of replica r of svc.
func (p Ports) ReplicaGRPC(svc string, r int) string { return addr(p.grpcPort(svc) + 10*r) }

func (p Ports) replicaMetrics(svc string, r int) string { return addr(p.grpcPort(svc) + 90 + 10*r) }

// replicaAddrs lists the gRPC addresses of every replica of svc.
func (p Ports) replicaAddrs(svc string) []string {
	out := make([]string, p.replicas())
	for r := range out {
		out[r] = p.ReplicaGRPC(svc, r)
	}
	return out
}

// grpcOf is the gRPC address of the service replica called name.
func (p Ports) grpcOf(name string) string {
	svc, r := replicaOf(name)
	return p.ReplicaGRPC(svc, r)
}

// edgeReplica is where replica r of the edge serves HTTP: the public port
// itself when there is one replica, else 8081+r behind the edge proxy.
func (p Ports) edgeReplica(r int) string {
	if p.replicas() == 1 {
		return p.Edge()
	}
	return addr(8081 + r + p.Offset)
}

func (p Ports) edgeMetrics(r int) string { return addr(9180 + r + p.Offset) }

// startEdgeReplicas starts every replica of the edge, waits until each is
// ready and, with more than one, puts them behind the public port.
func (s *Suite) startEdgeReplicas(ctx context.Context) error {
	ports := s.cfg.Ports
	backends := make([]string, ports.replicas())
	for r := range backends {
		backends[r] = ports.edgeReplica(r)
		env := append(s.commonEnv(), "HTTP_ADDR="+backends[r], "METRICS_ADDR="+ports.edgeMetrics(r),
			"DEV_ISSUER_ENABLED=true", "DEV_ISSUER_KEY_FILE="+s.keyFile)
		env = append(env, s.cfg.EdgeEnv...)
		p, err := s.startChild(ReplicaName("gateway", r), filepath.Join(s.cfg.BinDir, "gateway"), env)
		if err != nil {
			return err
		}
		if err := waitHTTP(ctx, "http://"+backends[r]+"/readyz", 90*time.Second, p); err != nil {
			return err
		}
	}
	if len(backends) == 1 {
		return nil
	}
	proxy, err := startEdgeProxy(ports.Edge(), backends)
	if err != nil {
		return fmt.Errorf("edge proxy: %w", err)
	}
	s.cleanup = append(s.cleanup, proxy.Close)
	return nil
}

// EdgeReplicaURL is replica r of the edge on its own port, bypassing the
// edge proxy (with one replica, the public URL).
func (s *Suite) EdgeReplicaURL(r int) string { return "http://" + s.cfg.Ports.edgeReplica(r) }

// WaitEdgeReplica waits until replica r of the edge is ready again, on its
// own port (behind the proxy the public port answers from any replica).
func (s *Suite) WaitEdgeReplica(ctx context.Context, r int) error {
	return waitHTTP(ctx, "http://"+s.cfg.Ports.edgeReplica(r)+"/readyz", 90*time.Second, nil)
}
