// Package server wires the content service for its binary and for tests
// (including other services' tests that need a real content service):
// store → app → transport, the consumers that feed the department
// evaluation, and the staleness detector and the view-count flusher as
// scheduled jobs.
package server

import (
	"context"
	"time"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/periodic"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
	"github.com/seoul-gov/homepage/services/content/internal/events"
	"github.com/seoul-gov/homepage/services/content/internal/readcache"
	"github.com/seoul-gov/homepage/services/content/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/content/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/content/migrations"
)

// Config is the content service's own settings. Defaults are written only
// in the envDefault tags.
type Config struct {
	// ReviewCycles overrides review cycles per kind in days (A4.1), e.g.
	// "work_progress=14,culture=30"; unnamed kinds keep their defaults.
	ReviewCycles string `env:"CONTENT_REVIEW_CYCLES"`
	// StaleScanInterval is how often overdue reviews are looked for.
	StaleScanInterval time.Duration `env:"CONTENT_STALE_SCAN_INTERVAL" envDefault:"1m"`
	// ViewFlushInterval is how often buffered view counts are written.
	ViewFlushInterval time.Duration `env:"CONTENT_VIEW_FLUSH_INTERVAL" envDefault:"5s"`
	// ReadCacheOff turns off the read cache of published items for
	// anonymous reads (issue 17). (A flag, not a size of 0: zero values
	// are taken as unset and get their defaults.)
	ReadCacheOff bool `env:"CONTENT_READ_CACHE_OFF"`
	// ReadCacheSize bounds, in MiB, the items the read cache keeps.
	ReadCacheSize int `env:"CONTENT_READ_CACHE_SIZE" envDefault:"32"`
	// ReadCacheTTL bounds how long a kept item is served without an event:
	// the safety net for what no event announces (view counts, a
	// department's contact changed on another replica).
	ReadCacheTTL time.Duration `env:"CONTENT_READ_CACHE_TTL" envDefault:"5s"`
	// Clock is the service's "now"; nil is the system clock. Tests set a
	// fake one to move time instead of sleeping or rewriting rows.
	Clock clock.Clock `env:"-"`
}

// TestConfig is the configuration with its defaults for tests, the
// scheduled jobs slowed to an hour so they stay out of a test's way unless
// it sets a shorter interval.
func TestConfig() *Config {
	return &Config{StaleScanInterval: time.Hour, ViewFlushInterval: time.Hour}
}

// Validate reports bad settings by variable name.
func (c *Config) Validate() []string {
	var problems []string
	if _, err := domain.ParseReviewCycles(c.ReviewCycles); err != nil {
		problems = append(problems, "CONTENT_REVIEW_CYCLES: "+err.Error())
	}
	if c.StaleScanInterval <= 0 {
		problems = append(problems, "CONTENT_STALE_SCAN_INTERVAL: must be positive")
	}
	if c.ViewFlushInterval <= 0 {
		problems = append(problems, "CONTENT_VIEW_FLUSH_INTERVAL: must be positive")
	}
	if c.ReadCacheSize < 0 {
		problems = append(problems, "CONTENT_READ_CACHE_SIZE: must be a positive size in MiB (CONTENT_READ_CACHE_OFF=true turns the cache off)")
	}
	if c.ReadCacheTTL < 0 {
		problems = append(problems, "CONTENT_READ_CACHE_TTL: must be a positive duration")
	}
	return problems
}

// Spec wires the service with its configuration read from the environment.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg; fields left zero get their defaults.
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "content",
		GRPCServices: []string{contentv1.ContentService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register:     func(ctx context.Context, d *service.Deps) error { return register(ctx, d, cfg) },
	}
}

func register(_ context.Context, d *service.Deps, cfg *Config) error {
	if err := config.Defaults(cfg); err != nil {
		return err
	}
	// A10.4: comments stored before the detector are masked before serving.
	d.Prepare("rescreen", rescreen.Step(d.Pool, d.Log, postgres.Rescreened...))
	cycles, err := domain.ParseReviewCycles(cfg.ReviewCycles)
	if err != nil {
		return err
	}
	now := clock.Or(cfg.Clock)
	var cache *readcache.Cache
	if !cfg.ReadCacheOff {
		cache = readcache.New(cfg.ReadCacheSize, cfg.ReadCacheTTL)
	}
	// A flush of view counts empties this replica's read cache like any
	// write: the counts it adds are shown with the item.
	views := postgres.NewViewBuffer(readcache.Invalidating(pg.Pool(d.Pool), cache))
	var kept app.ReadCache
	if cache != nil {
		kept = cache
		d.Go("read-cache", func(ctx context.Context) error {
			return readcache.Follow(ctx, cache, d.Config.NATS.URL, "content-read-cache", d.Log)
		})
	}
	// over builds the use cases over a database: the pool for RPCs and
	// jobs, a consumer's inbox transaction for events.
	over := func(db pg.DB) *app.App {
		store := postgres.New(db, events.Writer)
		return app.New(app.Ports{Departments: store.Departments(), Items: store.Items(), Feedback: store.Feedback(),
			History: store.History(), Facts: store.Facts(), Views: views, ReadCache: kept},
			app.Settings{ReviewCycles: cycles}, now)
	}
	// Writes of RPCs and jobs empty this replica's read cache as they
	// commit; a consumer's changes are announced by their events.
	a := over(readcache.Invalidating(pg.Pool(d.Pool), cache))
	contentv1.RegisterContentServiceServer(d.GRPC, grpcapi.New(a, now))
	for _, runner := range events.Consumers(over, d.JS, d.Pool, d.Log) {
		d.Consume(runner)
	}
	d.Every(periodic.Job{Name: "stale-detector", Interval: cfg.StaleScanInterval, Run: a.DetectStale})
	// The last flush runs on shutdown, before the pool closes, so a
	// graceful stop loses no counted views.
	d.Every(periodic.Job{Name: "view-counts", Interval: cfg.ViewFlushInterval, Run: a.FlushViews,
		Final: func(ctx context.Context) error { _, err := a.FlushViews(ctx); return err }})
	return nil
}
