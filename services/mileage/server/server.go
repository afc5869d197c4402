// Package server wires the mileage service for its binary and for tests
// (including other services' tests that need a real mileage service).
package server

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/periodic"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
	"github.com/seoul-gov/homepage/services/mileage/internal/events"
	"github.com/seoul-gov/homepage/services/mileage/internal/partner"
	"github.com/seoul-gov/homepage/services/mileage/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/mileage/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/mileage/migrations"
	privacy "github.com/seoul-gov/homepage/services/privacy/client"
)

// Config is the mileage service's own configuration.
type Config struct {
	// PrivacyAddr is the privacy service, holder of card and account numbers.
	PrivacyAddr string `env:"PRIVACY_ADDR" envDefault:"127.0.0.1:9106"`
	// PartnerURL is the redemption partners' API (the sandbox locally).
	PartnerURL string `env:"MILEAGE_PARTNER_URL" envDefault:"http://127.0.0.1:9200"`
	// HoldTimeout is how long points stay held waiting for a partner.
	HoldTimeout time.Duration `env:"MILEAGE_HOLD_TIMEOUT" envDefault:"2m"`
	// PartnerTimeout bounds one partner call.
	PartnerTimeout time.Duration `env:"MILEAGE_PARTNER_TIMEOUT" envDefault:"10s"`
	// JobInterval is how often the expiry, notice and hold-timeout jobs run.
	JobInterval time.Duration `env:"MILEAGE_JOB_INTERVAL" envDefault:"1m"`
	// ConsumerAckWait is how long a delivered event may stay unacknowledged
	// (a crashed consumer's events are redelivered after it).
	ConsumerAckWait time.Duration `env:"MILEAGE_CONSUMER_ACK_WAIT" envDefault:"30s"`
	// Department runs the mileage programme: its officials (and admins)
	// see citizens' accounts, grant, approve and correct by hand.
	Department string `env:"MILEAGE_DEPARTMENT" envDefault:"SMG-CIVIL"`
	// ApprovalAbove: a manual grant of more points waits for a second
	// official's approval (ApproveGrant).
	ApprovalAbove int64 `env:"MILEAGE_GRANT_APPROVAL_ABOVE" envDefault:"20000"`
	// Clock replaces the wall clock (tests move time to reach expiry).
	Clock clock.Clock `env:"-"`
}

// Validate implements config.Validator.
func (c *Config) Validate() []string {
	var out []string
	if u, err := url.Parse(c.PartnerURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		out = append(out, "MILEAGE_PARTNER_URL: must be an http(s) URL")
	}
	if c.PrivacyAddr == "" {
		out = append(out, "PRIVACY_ADDR: is required")
	}
	if c.HoldTimeout <= c.PartnerTimeout {
		out = append(out, "MILEAGE_HOLD_TIMEOUT: must be longer than MILEAGE_PARTNER_TIMEOUT")
	}
	if c.ConsumerAckWait < time.Second {
		out = append(out, "MILEAGE_CONSUMER_ACK_WAIT: must be at least 1s")
	}
	if c.JobInterval <= 0 {
		out = append(out, "MILEAGE_JOB_INTERVAL: must be positive")
	}
	if c.Department == "" {
		out = append(out, "MILEAGE_DEPARTMENT: is required")
	}
	if c.ApprovalAbove < 1 {
		out = append(out, "MILEAGE_GRANT_APPROVAL_ABOVE: must be at least 1")
	}
	return out
}

// TestConfig is the configuration for tests: the defaults (the envDefault
// tags, so they are written once). Tests set PrivacyAddr, PartnerURL and
// usually a fake Clock.
func TestConfig() *Config {
	cfg := &Config{}
	if err := config.Defaults(cfg); err != nil {
		panic(err)
	}
	return cfg
}

// Spec wires the service from the environment.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg (filled from the environment before
// Register runs when used through Spec).
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "mileage",
		GRPCServices: []string{mileagev1.MileageService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register:     func(ctx context.Context, d *service.Deps) error { return register(ctx, d, cfg) },
	}
}

func register(ctx context.Context, d *service.Deps, cfg *Config) error {
	if err := config.Defaults(cfg); err != nil {
		return err
	}
	if problems := cfg.Validate(); len(problems) > 0 {
		return fmt.Errorf("mileage configuration: %v", problems)
	}
	// A10.4: officials' reasons stored before the detector are masked before serving.
	d.Prepare("rescreen", rescreen.Step(d.Pool, d.Log, postgres.Rescreened...))
	conn, err := d.Dial(cfg.PrivacyAddr)
	if err != nil {
		return err
	}
	d.Go("privacy-conn", func(ctx context.Context) error { <-ctx.Done(); return conn.Close() })
	ports := app.Ports{Privacy: personalData{privacy.New(conn)}, Partner: partner.New(cfg.PartnerURL), Log: d.Log}
	settings := app.Settings{HoldTimeout: cfg.HoldTimeout, PartnerTimeout: cfg.PartnerTimeout, Department: cfg.Department,
		ApprovalAbove: cfg.ApprovalAbove}
	store := postgres.New(pg.Pool(d.Pool), events.Writer)
	// over is the use cases over a database: the pool for RPCs and jobs, a
	// consumer's inbox transaction (pg.Joined) for its events.
	over := func(db pg.DB) *app.App {
		s, p := store.With(db), ports
		p.Accounts, p.Awards, p.GrantRequests, p.Redemptions = s.Accounts(), s.Awards(), s.GrantRequests(), s.Redemptions()
		p.Rules, p.Validities, p.Catalog = s.Rules(), s.Validities(), s.Catalog()
		return app.New(p, settings, clock.Or(cfg.Clock))
	}
	a := over(pg.Pool(d.Pool))
	mileagev1.RegisterMileageServiceServer(d.GRPC, grpcapi.New(a))
	for _, r := range events.Runners(over, d.JS, d.Pool, d.Log, cfg.ConsumerAckWait) {
		d.Consume(r)
	}
	d.Consume(privacy.ErasureConsumer("mileage", d.JS, d.Pool, d.Log, func(ctx context.Context, tx pgx.Tx, subject string) error {
		_, err := over(pg.Joined(tx)).ForgetSubject(ctx, subject)
		return err
	}))
	for _, job := range []periodic.Job{
		{Name: "expire-lots", Interval: cfg.JobInterval, Run: a.ExpireLots},
		{Name: "announce-expiries", Interval: cfg.JobInterval, Run: a.AnnounceExpiries},
		{Name: "void-expired-holds", Interval: cfg.JobInterval, Run: a.VoidExpiredHolds},
	} {
		d.Every(job)
	}
	return nil
}

// personalData is the app's PersonalData port over the privacy client:
// card and account numbers are stored for the purpose "redemption" under
// the citizen's own subject id, and a refusal names the request's field
// (the vault's field names are the request's).
type personalData struct{ c *privacy.Client }

func (p personalData) Store(ctx context.Context, subject, field, value string) (string, string, error) {
	out, err := p.c.Store(ctx, privacy.StoreRequest{Subject: subject, Purpose: "redemption",
		Fields: []privacy.Field{{Name: field, Value: value}}})
	if err != nil {
		return "", "", err
	}
	return out[field].Token, out[field].Masked, nil
}
