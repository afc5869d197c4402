// Package edge is the REST edge of the suite: a grpc-gateway ServeMux with
// one client connection per service, wrapped in the edge's HTTP policy
// (request ids, access log and metrics, CORS, bearer-token checks, per-client
// rate limits, timeouts), plus the edge's own endpoints: health, readiness,
// the OpenAPI document, the API reference page and the development token
// issuer.
//
// Tests build a Server with New and drive Handler() with httptest; the
// binary calls Serve, which also runs /metrics and stops on SIGTERM.
package edge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/seoul-gov/homepage/gateway/internal/cache"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/mtls"
)

// Server is the edge. It is safe for concurrent use.
type Server struct {
	cfg     Config
	log     *slog.Logger
	conns   []upstreamConn
	handler http.Handler
	// routes is every binding of the mux, read from the descriptors.
	routes *routeTable
	// cache holds anonymous public reads (nil when off); events reaches
	// it over nc.
	cache *cache.Cache
	nc    *nats.Conn

	// draining is set when shutdown begins, so /readyz turns 503 and load
	// balancers stop sending new requests while in-flight ones finish.
	draining  atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

// New validates cfg, dials the upstreams (lazily: they need not be up yet)
// and builds the handler. Call Close, or Run, to release the connections.
func New(cfg Config, log *slog.Logger) (*Server, error) {
	if p := cfg.problems(); len(p) > 0 {
		return nil, fmt.Errorf("invalid configuration:\n  - %s", strings.Join(p, "\n  - "))
	}
	dev, err := newDevIssuer(cfg, log)
	if err != nil {
		return nil, err
	}
	tlsCfg, err := mtls.ClientConfig(cfg.TLS)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, routes: loadRoutes(), cache: cache.New(cfg.Cache, cfg.upstreamNames())}
	mux := s.newGatewayMux()
	var own map[string]http.Handler
	if s.conns, own, err = dialAll(mux, s.newGatewayMux, cfg.upstreams(), tlsCfg); err != nil {
		return nil, err
	}
	if s.nc, err = cache.Listen(cfg.Cache.NATSURL, s.cache, log); err != nil {
		_ = closeAll(s.conns)
		return nil, err
	}
	if err := mountDeadLetters(mux, s.conns); err != nil {
		_ = closeAll(s.conns)
		return nil, err
	}
	if err := s.mountLocal(mux, dev); err != nil {
		_ = closeAll(s.conns)
		return nil, err
	}
	if err := s.mountOpen311(mux); err != nil {
		_ = closeAll(s.conns)
		return nil, err
	}
	verifier := identity.NewVerifier(cfg.Issuer, cfg.Audience, identity.KeySourceFor(cfg.JWKSFile, cfg.JWKSURL))
	s.handler = s.chain(newMuxIndex(mux, own, s.routes), verifier)
	return s, nil
}

// Handler is the edge's complete HTTP handler, middleware included.
func (s *Server) Handler() http.Handler { return s.handler }

// Close releases the upstream connections. It is idempotent.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		if s.nc != nil {
			s.nc.Close()
		}
		s.closeErr = closeAll(s.conns)
	})
	return s.closeErr
}

// Run serves HTTP on ln until ctx ends, then stops accepting, lets
// in-flight requests finish within SHUTDOWN_TIMEOUT and closes the upstream
// connections. It returns nil after a clean shutdown.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	srv := s.httpServer()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return errors.Join(fmt.Errorf("serve http: %w", err), s.Close())
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("shutting down: draining in-flight requests", "timeout", s.cfg.ShutdownTimeout)
	shutCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	if err != nil {
		err = errors.Join(fmt.Errorf("drain: %w", err), srv.Close())
	}
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return errors.Join(err, s.Close())
}

// httpServer sets every timeout, because net/http has none by default and
// one slow client could otherwise hold a connection forever. The write
// timeout leaves room after REQUEST_TIMEOUT so the JSON error for a timed
// out request still reaches the client.
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       s.cfg.RequestTimeout,
		WriteTimeout:      s.cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
