package edge

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// readyTimeout bounds the whole readiness check; probes run in parallel.
const readyTimeout = 2 * time.Second

// statusUnreachable reports an upstream whose health check itself failed.
const statusUnreachable = "UNREACHABLE"

// readiness is the /readyz body.
type readiness struct {
	Status   string            `json:"status"`
	Services map[string]string `json:"services,omitempty"`
}

// healthz reports that the edge process is alive. It checks nothing else on
// purpose: restarting the edge cannot fix a service that is down.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz reports whether every upstream answers SERVING, so a load
// balancer only routes to an edge that can serve the whole API.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		writeJSON(w, http.StatusServiceUnavailable, readiness{Status: "draining"})
		return
	}
	body := readiness{Status: "ready", Services: s.probeUpstreams(r.Context())}
	code := http.StatusOK
	for _, st := range body.Services {
		if st != healthpb.HealthCheckResponse_SERVING.String() {
			body.Status, code = "not_ready", http.StatusServiceUnavailable
		}
	}
	writeJSON(w, code, body)
}

// probeUpstreams asks every upstream's grpc.health.v1.Health/Check at once
// and returns each one's status name.
func (s *Server) probeUpstreams(ctx context.Context) map[string]string {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	out := make(map[string]string, len(s.conns))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range s.conns {
		wg.Go(func() {
			st := s.probe(ctx, c)
			mu.Lock()
			out[c.name] = st
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

func (s *Server) probe(ctx context.Context, c upstreamConn) string {
	resp, err := healthpb.NewHealthClient(c.cc).Check(ctx, &healthpb.HealthCheckRequest{Service: c.health})
	if err != nil {
		s.log.WarnContext(ctx, "readiness probe failed", "upstream", c.name, "err", err)
		return statusUnreachable
	}
	return resp.GetStatus().String()
}

func writeJSON(w http.ResponseWriter, code int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}
