package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/session"
	"github.com/seoul-gov/homepage/web/internal/signin"
	"github.com/seoul-gov/homepage/web/internal/site"
)

// timeoutPage answers a page that took longer than REQUEST_TIMEOUT (503).
const timeoutPage = `<!doctype html><html lang="ko"><meta charset="utf-8"><title>잠시 후 다시 시도해 주세요</title>` +
	`<p>잠시 후 다시 시도해 주세요. <span lang="en">Please try again shortly.</span></p><p><a href="/">서울특별시</a></p></html>`

// sweepEvery is how often expired sessions are dropped.
const sweepEvery = time.Minute

// Server is the web front ready to serve.
type Server struct {
	cfg      Config
	log      *slog.Logger
	app      *site.App
	sessions *session.Store
}

// New builds the site from cfg.
func New(cfg Config, log *slog.Logger) (*Server, error) {
	store := session.NewStore(cfg.SessionIdle, cfg.SessionMaxAge, cfg.SessionCapacity)
	o := site.Options{API: api.New(cfg.EdgeURL, cfg.RequestTimeout), Sessions: session.NewManager(store, cfg.SecureCookies()),
		DevSignIn: cfg.DevSignIn, SecureCookies: cfg.SecureCookies(), Log: log}
	if cfg.OIDCIssuer != "" {
		secret, err := readSecret(cfg.OIDCClientSecretFile)
		if err != nil {
			return nil, err
		}
		o.OIDC = signin.NewOIDC(signin.Config{Issuer: cfg.OIDCIssuer, ClientID: cfg.OIDCClientID, ClientSecret: secret,
			RedirectURL: strings.TrimRight(cfg.PublicURL, "/") + "/signin/callback", Scopes: cfg.OIDCScopes})
	}
	app, err := site.New(o)
	if err != nil {
		return nil, err
	}
	return &Server{cfg: cfg, log: log, app: app, sessions: store}, nil
}

// Handler is the site.
func (s *Server) Handler() http.Handler { return s.app.Handler() }

// Serve listens on HTTP_ADDR until ctx ends, then finishes in-flight
// requests within SHUTDOWN_TIMEOUT.
func (s *Server) Serve(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.cfg.HTTPAddr, err)
	}
	srv := &http.Server{Handler: http.TimeoutHandler(s.Handler(), s.cfg.RequestTimeout, timeoutPage),
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: s.cfg.RequestTimeout,
		WriteTimeout: s.cfg.RequestTimeout + 5*time.Second, IdleTimeout: 2 * time.Minute}
	go s.sweep(ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("web front serving", "addr", ln.Addr().String(), "edge", s.cfg.EdgeURL, "dev_signin", s.cfg.DevSignIn)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) sweep(ctx context.Context) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.sessions.Sweep()
		}
	}
}

func readSecret(path string) (string, error) {
	if path == "" {
		return "", nil // a public client: PKCE alone
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("OIDC_CLIENT_SECRET_FILE: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// Pages lists the site's HTML pages (route patterns such as
// "/items/{slug}"), for tests that must visit every one.
func Pages() []string {
	app, err := site.New(site.Options{})
	if err != nil {
		panic(err)
	}
	return app.Pages()
}
