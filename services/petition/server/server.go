// Package server wires the petition service for its binary and for tests
// (including other services' tests that need a real petition service).
package server

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/periodic"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/events"
	"github.com/seoul-gov/homepage/services/petition/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/petition/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/petition/migrations"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Config is the petition service's own configuration.
type Config struct {
	// PrivacyAddr is the privacy service, holder of complainants' contacts.
	PrivacyAddr string `env:"PRIVACY_ADDR" envDefault:"127.0.0.1:9106"`
	// MayorOfficeDepartment is the department whose officials triage
	// opinions to the Mayor and dispatch complaints (시민소통과 by default).
	MayorOfficeDepartment string `env:"PETITION_MAYOR_OFFICE_DEPARTMENT" envDefault:"SMG-CIVIL"`
	// DueScanInterval is how often the due-soon / overdue announcer runs.
	DueScanInterval time.Duration `env:"PETITION_DUE_SCAN_INTERVAL" envDefault:"1m"`
	// Clock is the service's "now"; nil is the system clock. Tests set a
	// fake one to move time instead of sleeping or rewriting rows.
	Clock clock.Clock `env:"-"`
}

// Validate implements config.Validator.
func (c *Config) Validate() []string {
	var p []string
	if c.PrivacyAddr == "" {
		p = append(p, "PRIVACY_ADDR: required")
	}
	if c.MayorOfficeDepartment == "" {
		p = append(p, "PETITION_MAYOR_OFFICE_DEPARTMENT: required")
	}
	if c.DueScanInterval <= 0 {
		p = append(p, "PETITION_DUE_SCAN_INTERVAL: must be positive")
	}
	return p
}

// Spec wires the service from the environment.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg (filled from the environment before
// Register runs, or by a test); fields left zero get their defaults.
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "petition",
		GRPCServices: []string{petitionv1.PetitionService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register: func(ctx context.Context, d *service.Deps) error {
			if err := config.Defaults(cfg); err != nil {
				return err
			}
			// A10.4: text stored before the detector is masked before serving.
			d.Prepare("rescreen", rescreen.Step(d.Pool, d.Log, postgres.Rescreened...))
			conn, err := d.Dial(cfg.PrivacyAddr)
			if err != nil {
				return fmt.Errorf("dial privacy: %w", err)
			}
			d.Go("privacy-conn", func(ctx context.Context) error { <-ctx.Done(); return conn.Close() })
			privacy := client.New(conn)
			// over builds the use cases over a database: the pool for RPCs
			// and jobs, a consumer's inbox transaction for events.
			over := func(db pg.DB) *app.App {
				return app.New(app.Ports{Store: postgres.New(db, events.Writer), Privacy: privacy},
					app.Settings{MayorOffice: cfg.MayorOfficeDepartment}, cfg.Clock)
			}
			joined := func(tx pgx.Tx) *app.App { return over(pg.Joined(tx)) }
			uc := over(pg.Pool(d.Pool))
			petitionv1.RegisterPetitionServiceServer(d.GRPC, grpcapi.New(uc))
			// A10.4: contacts of subjects the privacy service erased are dropped.
			d.Consume(client.ErasureConsumer("petition", d.JS, d.Pool, d.Log, func(ctx context.Context, tx pgx.Tx, subject string) error {
				return joined(tx).ForgetSubject(ctx, subject)
			}))
			d.Consume(events.DeliveryFailedConsumer(d.JS, d.Pool, d.Log, joined))
			d.Every(periodic.Job{Name: "due-announcer", Interval: cfg.DueScanInterval, Run: uc.AnnounceDue})
			d.Every(periodic.Job{Name: "provisional-due-dates", Interval: cfg.DueScanInterval, Run: uc.RecomputeProvisional})
			d.Every(periodic.Job{Name: "complaint-figures", Interval: cfg.DueScanInterval, Run: func(ctx context.Context) (int, error) {
				short, err := uc.Measure(ctx)
				if short != "" {
					// The readiness warning: the service keeps serving
					// (due dates past the table are provisional), but ops
					// must amend the table before it runs out.
					d.Log.Warn("holiday table covers less than 12 months ahead", "covered_until", short)
				}
				return 1, err
			}})
			return nil
		},
	}
}

// TestConfig is the configuration for tests: the defaults (the envDefault
// tags) with a fast due-date announcer. Tests set PrivacyAddr.
func TestConfig() *Config {
	cfg := &Config{DueScanInterval: 100 * time.Millisecond}
	if err := config.Defaults(cfg); err != nil {
		panic(err)
	}
	return cfg
}
