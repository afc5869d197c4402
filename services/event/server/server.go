// Package server wires the event service for its binary and for tests
// (including other services' tests that need a real event service).
package server

import (
	"context"
	"io"
	"time"

	"github.com/jackc/pgx/v5"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/periodic"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/events"
	"github.com/seoul-gov/homepage/services/event/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/event/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/event/migrations"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Config is the event service's own configuration. Its defaults are the
// envDefault tags only (config.Defaults fills them in SpecWith).
type Config struct {
	PrivacyAddr string `env:"PRIVACY_ADDR" envDefault:"127.0.0.1:9106"`
	// CloseInterval is how often due participation events are closed.
	CloseInterval time.Duration `env:"EVENT_CLOSE_INTERVAL" envDefault:"30s"`

	// Clock is the service's "now"; nil is the system clock. Tests set a
	// fake one to move through entry periods without waiting.
	Clock clock.Clock `env:"-"`
	// Random is the source of draw seeds and pseudonym keys; nil is
	// crypto/rand. Tests may fix it.
	Random io.Reader `env:"-"`
}

// TestConfig is the configuration for tests: the defaults, with the closer
// out of the way (a test that wants it sets CloseInterval short). Tests set
// PrivacyAddr and usually a fake Clock.
func TestConfig() *Config {
	cfg := &Config{CloseInterval: time.Hour}
	if err := config.Defaults(cfg); err != nil {
		panic(err)
	}
	return cfg
}

// Validate implements config validation.
func (c *Config) Validate() []string {
	var bad []string
	if c.PrivacyAddr == "" {
		bad = append(bad, "PRIVACY_ADDR is required")
	}
	if c.CloseInterval <= 0 {
		bad = append(bad, "EVENT_CLOSE_INTERVAL must be positive")
	}
	return bad
}

// Spec wires the service from the environment.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg (filled by the environment before
// Register when used through Spec; tests pass it filled).
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "event",
		GRPCServices: []string{eventv1.ParticipationEventService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(ctx context.Context, d *service.Deps) error {
			// A10.4: text stored before the detector is masked before serving.
			d.Prepare("rescreen", rescreen.Step(d.Pool, d.Log, postgres.Rescreened...))
			if err := config.Defaults(cfg); err != nil {
				return err
			}
			return register(d, *cfg)
		},
	}
}

func register(d *service.Deps, cfg Config) error {
	conn, err := d.Dial(cfg.PrivacyAddr)
	if err != nil {
		return err
	}
	privacy, now := client.New(conn), clock.Or(cfg.Clock)
	// over builds the use cases over a database: the pool for RPCs and
	// jobs, a consumer's inbox transaction for events.
	over := func(db pg.DB) *app.App {
		store := postgres.New(db, events.Writer)
		return app.New(app.Ports{ParticipationEvents: store.ParticipationEvents(), Entries: store.Entries(),
			Winners: store.Winners(), ProgrammeBudgets: store.ProgrammeBudgets(), Privacy: privacy,
			Random: cfg.Random}, app.Settings{}, now)
	}
	a := over(pg.Pool(d.Pool))
	eventv1.RegisterParticipationEventServiceServer(d.GRPC, grpcapi.New(a))
	// A10.4: the contact tokens and masked winner names of subjects the
	// privacy service erased go, in the consumer's inbox transaction.
	d.Consume(client.ErasureConsumer("event", d.JS, d.Pool, d.Log, func(ctx context.Context, tx pgx.Tx, subject string) error {
		return over(pg.Joined(tx)).ForgetSubject(ctx, subject)
	}))
	d.Every(periodic.Job{Name: "closer", Interval: cfg.CloseInterval, Run: a.CloseDue})
	d.Go("privacy-conn", func(ctx context.Context) error { <-ctx.Done(); return conn.Close() })
	return nil
}
