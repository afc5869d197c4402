// Package server wires the mail service for its binary and for tests
// (including other modules' tests that need a real mail service): store →
// app → transport, the consumers of other services' events and the
// delivery workers.
package server

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"google.golang.org/grpc"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/platform/mtls"
	"github.com/seoul-gov/homepage/platform/periodic"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/ratelimit"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
	"github.com/seoul-gov/homepage/services/mail/internal/events"
	"github.com/seoul-gov/homepage/services/mail/internal/petition"
	"github.com/seoul-gov/homepage/services/mail/internal/smtp"
	"github.com/seoul-gov/homepage/services/mail/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/mail/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/mail/internal/transport/smtpsubmit"
	"github.com/seoul-gov/homepage/services/mail/migrations"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Config is the mail service's own settings.
type Config struct {
	Domain   string `env:"MAIL_DOMAIN" envDefault:"seoul.go.kr"`
	From     string `env:"MAIL_FROM" envDefault:"noreply@seoul.go.kr"`
	FromName string `env:"MAIL_FROM_NAME" envDefault:"서울특별시"`
	// PublicBaseURL is the REST edge as citizens reach it (unsubscribe links).
	PublicBaseURL string `env:"MAIL_PUBLIC_BASE_URL" envDefault:"http://127.0.0.1:8080"`
	// UnsubscribeKey (base64, 32 bytes) signs unsubscribe links; without it
	// a random key is used and links die with the process.
	UnsubscribeKey string        `env:"MAIL_UNSUBSCRIBE_KEY"`
	SMTPAddr       string        `env:"MAIL_SMTP_ADDR" envDefault:"127.0.0.1:1025"`
	SMTPTLS        string        `env:"MAIL_SMTP_TLS" envDefault:"none"`
	SMTPUsername   string        `env:"MAIL_SMTP_USERNAME"`
	SMTPPassword   string        `env:"MAIL_SMTP_PASSWORD"`
	SMTPTimeout    time.Duration `env:"MAIL_SMTP_TIMEOUT" envDefault:"10s"`
	// PrivacyAddr and ClientTokenFile reach the vault as the machine client
	// "mail"; without a token file only city IDs are written to.
	PrivacyAddr     string        `env:"PRIVACY_ADDR" envDefault:"127.0.0.1:9106"`
	ClientTokenFile string        `env:"MAIL_CLIENT_TOKEN_FILE"`
	Workers         int           `env:"MAIL_DELIVERY_WORKERS" envDefault:"2"`
	Poll            time.Duration `env:"MAIL_DELIVERY_POLL" envDefault:"200ms"`
	RetryFirst      time.Duration `env:"MAIL_RETRY_FIRST" envDefault:"5s"`
	RetryMax        time.Duration `env:"MAIL_RETRY_MAX" envDefault:"5m"`
	RetryGiveUp     time.Duration `env:"MAIL_RETRY_GIVE_UP" envDefault:"72h"`
	// Clock is the service's "now" (the system clock unless a test sets one).
	Clock clock.Clock `env:"-"`
	Submission
}

// Submission configures complaints by e-mail (A9.1): the SMTP submission
// server and the petition service it files complaints with.
type Submission struct {
	// Addr is where the submission server listens; "" turns it off.
	Addr     string `env:"MAIL_SUBMISSION_ADDR"`
	CertFile string `env:"MAIL_SUBMISSION_TLS_CERT_FILE"`
	KeyFile  string `env:"MAIL_SUBMISSION_TLS_KEY_FILE"`
	// MaxBytes bounds a message; Timeout each SMTP read and write.
	MaxBytes int64         `env:"MAIL_SUBMISSION_MAX_BYTES" envDefault:"1048576"`
	Timeout  time.Duration `env:"MAIL_SUBMISSION_TIMEOUT" envDefault:"30s"`
	// AuthFailures failed logins from one address are allowed at once;
	// one more is forgiven every AuthForgive.
	AuthFailures int           `env:"MAIL_SUBMISSION_AUTH_FAILURES" envDefault:"10"`
	AuthForgive  time.Duration `env:"MAIL_SUBMISSION_AUTH_FORGIVE" envDefault:"1m"`
	// ComplaintLocalPart names the complaint address at MAIL_DOMAIN.
	ComplaintLocalPart string `env:"MAIL_COMPLAINT_LOCAL_PART" envDefault:"minwon"`
	PetitionAddr       string `env:"PETITION_ADDR" envDefault:"127.0.0.1:9103"`
	// Listener, when set (tests: port 0), is used instead of Addr.
	Listener net.Listener `env:"-"`
}

// on reports whether the submission server runs.
func (s Submission) on() bool { return s.Addr != "" || s.Listener != nil }

func (c *Config) submissionProblems() []string {
	var p []string
	if c.ComplaintLocalPart == "" || strings.ContainsAny(c.ComplaintLocalPart, "@ \t") {
		p = append(p, "MAIL_COMPLAINT_LOCAL_PART: a local part, such as minwon")
	}
	if !c.Submission.on() {
		return p
	}
	if c.CertFile == "" || c.KeyFile == "" {
		p = append(p, "MAIL_SUBMISSION_TLS_CERT_FILE/MAIL_SUBMISSION_TLS_KEY_FILE: required with MAIL_SUBMISSION_ADDR (STARTTLS)")
	}
	if c.ClientTokenFile == "" {
		p = append(p, "MAIL_CLIENT_TOKEN_FILE: required with MAIL_SUBMISSION_ADDR (complaints are filed as the machine client mail)")
	}
	if c.MaxBytes < 1024 || c.Timeout <= 0 {
		p = append(p, "MAIL_SUBMISSION_MAX_BYTES/MAIL_SUBMISSION_TIMEOUT: at least 1024 bytes, a positive timeout")
	}
	if c.AuthFailures < 1 || c.AuthForgive <= 0 {
		p = append(p, "MAIL_SUBMISSION_AUTH_FAILURES/MAIL_SUBMISSION_AUTH_FORGIVE: at least 1, a positive duration")
	}
	return p
}

// TestConfig is the configuration with its defaults (the envDefault tags,
// the only place they are written) and a fast delivery poll and retry, for
// tests; they set the addresses of what they started.
func TestConfig() *Config {
	c := &Config{Poll: 20 * time.Millisecond, RetryFirst: 50 * time.Millisecond, RetryMax: 200 * time.Millisecond}
	if err := config.Defaults(c); err != nil {
		panic(err) // the tags are constants: a bad one is a programming error
	}
	return c
}

// Validate reports bad settings by variable name.
func (c *Config) Validate() []string {
	var p []string
	if _, err := mail.ParseAddress(c.From); err != nil {
		p = append(p, "MAIL_FROM: not an address")
	}
	if _, err := smtp.New(c.smtpConfig()); err != nil {
		p = append(p, err.Error())
	}
	if _, err := c.unsubscribeKey(); err != nil {
		p = append(p, "MAIL_UNSUBSCRIBE_KEY: "+err.Error())
	}
	if c.Workers < 1 || c.Poll <= 0 || c.RetryFirst <= 0 || c.RetryMax < c.RetryFirst || c.RetryGiveUp <= 0 {
		p = append(p, "MAIL_DELIVERY_WORKERS/MAIL_DELIVERY_POLL/MAIL_RETRY_*: must be positive, MAIL_RETRY_MAX ≥ MAIL_RETRY_FIRST")
	}
	if c.Domain == "" {
		p = append(p, "MAIL_DOMAIN: required")
	}
	return append(p, c.submissionProblems()...)
}

func (c *Config) smtpConfig() smtp.Config {
	return smtp.Config{Addr: c.SMTPAddr, TLS: c.SMTPTLS, Username: c.SMTPUsername, Password: c.SMTPPassword, Timeout: c.SMTPTimeout}
}

func (c *Config) unsubscribeKey() ([]byte, error) {
	if c.UnsubscribeKey == "" {
		k := make([]byte, 32)
		_, err := rand.Read(k)
		return k, err
	}
	k, err := base64.StdEncoding.DecodeString(c.UnsubscribeKey)
	if err != nil || len(k) < 32 {
		return nil, fmt.Errorf("must be base64 of at least 32 bytes")
	}
	return k, nil
}

// Spec wires the service with its configuration read from the environment.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg; tests pass a filled Config. Fields
// left zero get their defaults.
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "mail",
		GRPCServices: []string{mailv1.MailService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register:     func(ctx context.Context, d *service.Deps) error { return register(ctx, d, cfg) },
	}
}

func register(_ context.Context, d *service.Deps, cfg *Config) error {
	if err := config.Defaults(cfg); err != nil {
		return err
	}
	ports, err := cfg.outside(d)
	if err != nil {
		return err
	}
	key, err := cfg.unsubscribeKey()
	if err != nil {
		return err
	}
	settings := app.Settings{Domain: cfg.Domain, From: cfg.From, FromName: cfg.FromName, PublicBaseURL: cfg.PublicBaseURL,
		UnsubscribeKey: key, Retry: domain.RetryPolicy{First: cfg.RetryFirst, Max: cfg.RetryMax, GiveUpAfter: cfg.RetryGiveUp},
		ComplaintLocalPart: cfg.ComplaintLocalPart}
	over := func(db pg.DB) *app.App {
		store, p := postgres.New(db, events.Writer), ports
		p.Accounts, p.Terms, p.Notices, p.Preferences = store.Accounts(), store.Terms(), store.Notices(), store.Preferences()
		return app.New(p, settings, clock.Or(cfg.Clock))
	}
	a := over(pg.Pool(d.Pool))
	mailv1.RegisterMailServiceServer(d.GRPC, grpcapi.New(a))
	for _, r := range events.Consumers(over, d.JS, d.Pool, d.Log) {
		d.Consume(r)
	}
	// A10.4: an erased subject's ID is closed and their preferences go,
	// in the consumer's inbox transaction (durable mail-privacy-erasure).
	d.Consume(client.ErasureConsumer("mail", d.JS, d.Pool, d.Log, func(ctx context.Context, tx pgx.Tx, subject string) error {
		return over(pg.Joined(tx)).ForgetSubject(ctx, subject)
	}))
	for i := range cfg.Workers {
		d.Every(periodic.Job{Name: fmt.Sprintf("delivery-%d", i), Interval: cfg.Poll, Run: a.DeliverDue})
	}
	return cfg.serveSubmission(d, a)
}

// serveSubmission starts the SMTP submission server when configured,
// its listener opened now so a taken port fails the start; its
// certificate is read again when renewed.
func (c *Config) serveSubmission(d *service.Deps, a *app.App) error {
	if !c.Submission.on() {
		return nil
	}
	cert, err := mtls.ServingCertificate(c.CertFile, c.KeyFile)
	if err != nil {
		return fmt.Errorf("MAIL_SUBMISSION_TLS_CERT_FILE/KEY_FILE: %w", err)
	}
	ln := c.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", c.Addr); err != nil {
			return fmt.Errorf("MAIL_SUBMISSION_ADDR: %w", err)
		}
	}
	srv := smtpsubmit.New(a, smtpsubmit.Config{Domain: c.Domain, MaxBytes: c.MaxBytes, Timeout: c.Timeout,
		AuthFailures: ratelimit.New(1/c.AuthForgive.Seconds(), c.AuthFailures),
		TLS:          &tls.Config{GetCertificate: cert, MinVersion: tls.VersionTLS12}}, d.Log)
	d.Go("smtp-submission", func(ctx context.Context) error { return srv.Serve(ctx, ln) })
	return nil
}

// outside is what the service reaches beyond its database: the SMTP server,
// the privacy vault, and the petition service for complaints by e-mail.
func (c *Config) outside(d *service.Deps) (app.Ports, error) {
	sender, err := smtp.New(c.smtpConfig())
	if err != nil {
		return app.Ports{}, err
	}
	vault, err := c.vault(d)
	if err != nil || !c.Submission.on() {
		return app.Ports{Sender: sender, Privacy: vault}, err
	}
	conn, err := d.Dial(c.PetitionAddr)
	if err != nil {
		return app.Ports{}, err
	}
	complaints := petition.New(conn, tokenFile(c.ClientTokenFile))
	return app.Ports{Sender: sender, Privacy: vault, Complaints: complaints}, nil
}

// vault is the privacy service's one client (services/privacy/client),
// whose calls carry the mail service's machine token (the vault decides
// and logs every reveal for the client mail); nil without a client token:
// notices to citizens then go to their city IDs only.
func (c *Config) vault(d *service.Deps) (app.Privacy, error) {
	if c.ClientTokenFile == "" {
		return nil, nil
	}
	conn, err := d.Dial(c.PrivacyAddr)
	if err != nil {
		return nil, err
	}
	return client.New(machineConn{ClientConnInterface: conn, token: tokenFile(c.ClientTokenFile)}), nil
}

// machineConn sends every call on conn with the machine client's bearer
// token instead of a forwarded one.
type machineConn struct {
	grpc.ClientConnInterface
	token func() (string, error)
}

func (m machineConn) Invoke(ctx context.Context, method string, args, reply any, opts ...grpc.CallOption) error {
	tok, err := m.token()
	if err != nil {
		return err
	}
	return m.ClientConnInterface.Invoke(grpcclient.WithToken(ctx, tok), method, args, reply, opts...)
}

func (m machineConn) NewStream(ctx context.Context, desc *grpc.StreamDesc, method string, opts ...grpc.CallOption) (grpc.ClientStream, error) {
	tok, err := m.token()
	if err != nil {
		return nil, err
	}
	return m.ClientConnInterface.NewStream(grpcclient.WithToken(ctx, tok), desc, method, opts...)
}

// tokenFile reads the machine client's bearer token from path on every
// call, so a token refreshed on disk (a projected service-account token,
// the launcher's) is picked up without a restart.
func tokenFile(path string) func() (string, error) {
	return func() (string, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		tok := strings.TrimSpace(string(b))
		if tok == "" {
			return "", errors.New("mail client token file is empty")
		}
		return tok, nil
	}
}
