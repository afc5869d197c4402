// Package smtpsubmit is the mail service's SMTP submission server for
// complaints by e-mail (A9.1): a citizen's mail program connects, starts
// TLS, authenticates with the address of their ID and its app password
// (AUTH PLAIN), sends from that address to the complaint address, and the
// message is filed as their complaint through the petition service. Each
// step's refusal is a clear reply in Korean and English; the success reply
// carries the receipt number. Only the SMTP conversation and MIME live
// here; the rules are the app's.
package smtpsubmit

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/seoul-gov/homepage/platform/ratelimit"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
)

// Config is how the submission server runs.
type Config struct {
	// Domain names the server in its greeting.
	Domain string
	// TLS is the STARTTLS configuration (the configured certificate).
	TLS *tls.Config
	// MaxBytes bounds a message; Timeout each read, write and use-case call.
	MaxBytes int64
	Timeout  time.Duration
	// AuthFailures limits failed logins per peer address across
	// connections (each login check is an Argon2id hash: guessing from many
	// connections would cost the server its CPU, not just the guesser).
	AuthFailures *ratelimit.Keyed
}

// Server serves SMTP submission.
type Server struct {
	app      *app.App
	log      *slog.Logger
	smtp     *smtp.Server
	ctx      context.Context
	timeout  time.Duration
	maxBytes int64
	failures *ratelimit.Keyed
}

// New returns a server over the use cases.
func New(a *app.App, cfg Config, log *slog.Logger) *Server {
	s := &Server{app: a, log: log, timeout: cfg.Timeout, maxBytes: cfg.MaxBytes, ctx: context.Background(),
		failures: cfg.AuthFailures}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s, conn: c}, nil
	}))
	srv.Domain, srv.TLSConfig = cfg.Domain, cfg.TLS
	srv.MaxMessageBytes, srv.MaxRecipients = cfg.MaxBytes, 5
	srv.ReadTimeout, srv.WriteTimeout = cfg.Timeout, cfg.Timeout
	// AUTH before STARTTLS is offered to loopback peers only: the session
	// decides per connection (authAllowed).
	srv.AllowInsecureAuth = true
	srv.ErrorLog = logger{log}
	s.smtp = srv
	return s
}

// Serve accepts connections on ln until ctx ends, then stops taking new
// ones and lets the conversations under way finish (a few seconds).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.ctx = ctx
	go func() {
		<-ctx.Done()
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := s.smtp.Shutdown(stop); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			_ = s.smtp.Close()
		}
	}()
	if err := s.smtp.Serve(ln); err != nil && ctx.Err() == nil {
		return fmt.Errorf("smtp submission: %w", err)
	}
	return nil
}

// logger puts go-smtp's own messages (accept and connection errors) into
// the service log.
type logger struct{ log *slog.Logger }

func (l logger) Printf(format string, v ...any) {
	l.log.Warn("smtp submission: " + fmt.Sprintf(format, v...))
}
func (l logger) Println(v ...any) { l.log.Warn("smtp submission: " + fmt.Sprint(v...)) }
