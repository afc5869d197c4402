// Package server wires the privacy service for its binary and for tests
// (including other services' tests that need a real privacy service).
package server

import (
	"context"
	"fmt"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/periodic"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/events"
	"github.com/seoul-gov/homepage/services/privacy/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/privacy/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/privacy/migrations"
)

// Spec is the service as the binary runs it: Config is loaded from the
// environment (Extra) before Register runs.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg; unset fields take their defaults
// (tests pass TestConfig()).
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "privacy",
		GRPCServices: []string{privacyv1.PrivacyService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register:     func(ctx context.Context, d *service.Deps) error { return register(ctx, d, cfg) },
	}
}

func register(ctx context.Context, d *service.Deps, cfg *Config) error {
	if err := config.Defaults(cfg); err != nil {
		return err
	}
	if problems := cfg.Validate(); len(problems) > 0 {
		return fmt.Errorf("privacy configuration: %v", problems)
	}
	// A10.4: reasons stored before the detector are masked before serving.
	d.Prepare("rescreen", rescreen.Step(d.Pool, d.Log, postgres.Rescreened...))
	keks, err := cfg.keks(ctx)
	if err != nil {
		return fmt.Errorf("privacy key-encryption keys: %w", err)
	}
	keys, _ := cfg.indexKeys()
	anchorKey, _ := cfg.anchorKey()
	now := clock.Or(cfg.Clock)
	bucket := events.NewBucket(d.JS, d.Config.StreamReplicas)
	ports := func(db pg.DB) app.Ports {
		p := postgres.New(db, keys.ChainKey(), events.Writer)
		p.KEKs, p.ContractorBucket = keks, bucket
		return p
	}
	a := app.New(ports(pg.Pool(d.Pool)), app.Settings{Keys: keys, RewrapBatch: cfg.RewrapBatch, AnchorKey: anchorKey, Log: d.Log,
		Limits: app.Limits{RefusalsPerMinute: cfg.RefusalsPerMinute, LookupsPerMinute: cfg.LookupsPerMinute}}, now)
	over := func(db pg.DB) *app.App { return a.With(ports(db)) }
	privacyv1.RegisterPrivacyServiceServer(d.GRPC, grpcapi.New(a))
	// The first pass waits one interval, so a rolling deploy that
	// introduces a new KEK version finishes before any replica moves keys
	// to it.
	d.Every(periodic.Job{Name: "privacy-rewrap", Interval: cfg.RewrapInterval, Run: a.RewrapAll, Delay: true})
	// A10.4: rows indexed under an old blind-index key version move to the
	// active one; like the rewrap, the first pass waits out a rollout.
	d.Every(periodic.Job{Name: "privacy-reindex", Interval: cfg.ReindexInterval, Run: a.ReindexBlindIndex, Delay: true})
	// A10.1: the chain's head is signed and published at a fixed interval.
	d.Every(periodic.Job{Name: "privacy-anchor", Interval: cfg.AnchorInterval, Run: a.AnchorAccessLog})
	d.Consume(events.ComplaintGrants(d.JS, d.Pool, d.Log, over, cfg.DispatchDepartment))
	d.Consume(events.PrizeGrants(d.JS, d.Pool, d.Log, over))
	d.Consume(events.RedemptionGrants(d.JS, d.Pool, d.Log, over))
	// A3.2: the contractor grants, projected into the bucket every service
	// enforces; the bucket exists from the start, so the services read an
	// empty one rather than none before the first grant, and is refilled
	// from the database should NATS lose it.
	d.Go("contractor-grants-bucket", bucket.Ensure)
	d.Consume(events.ContractorProjection(d.JS, d.Pool, d.Log, bucket))
	d.Every(periodic.Job{Name: "privacy-contractor-grants-sync", Interval: cfg.ContractorSyncInterval, Run: a.SyncContractorGrants})
	return nil
}
