// Package server wires the privacy service for its binary and for tests
// (including other services' tests that need a real privacy service).
package server

import (
	"context"
	"fmt"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
	"github.com/seoul-gov/homepage/services/privacy/internal/events"
	"github.com/seoul-gov/homepage/services/privacy/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/privacy/internal/transport/grpcapi"
	"github.com/seoul-gov/homepage/services/privacy/migrations"
)

// Spec is the service as the binary runs it: Config is loaded from the
// environment (Extra) before Register runs.
func Spec() service.Spec { return service.FromEnv(SpecWith) }

// SpecWith wires the service with cfg, already filled (tests pass
// DevConfig()).
func SpecWith(cfg *Config) service.Spec {
	return service.Spec{
		Name:         "privacy",
		GRPCServices: []string{privacyv1.PrivacyService_ServiceDesc.ServiceName},
		Migrations:   migrations.FS,
		Register:     func(ctx context.Context, d *service.Deps) error { return register(ctx, d, cfg) },
	}
}

func register(ctx context.Context, d *service.Deps, cfg *Config) error {
	if problems := cfg.Validate(); len(problems) > 0 {
		return fmt.Errorf("privacy configuration: %v", problems)
	}
	// A10.4: reasons stored before the detector are masked before serving.
	if _, err := rescreen.Run(ctx, d.Pool, d.Log, postgres.Rescreened...); err != nil {
		return err
	}
	keks, _ := cfg.keks()
	indexKey, _ := cfg.indexKey()
	keys := envelope.DeriveKeys(indexKey)
	limits := app.Limits{RefusalsPerMinute: cfg.RefusalsPerMinute, LookupsPerMinute: cfg.LookupsPerMinute}
	a := app.New(postgres.New(d.Pool, keys.ChainKey()), keks, keys, limits, d.Log)
	privacyv1.RegisterPrivacyServiceServer(d.GRPC, grpcapi.New(a, cfg.RewrapBatch))
	d.Go("privacy-rewrap", app.RewrapJob(a, cfg.RewrapInterval, cfg.RewrapBatch))
	d.Go("consumer-grants-petition", events.ComplaintGrants(d.JS, d.Pool, d.Log, postgres.GrantsTx, cfg.DispatchDepartment).Run)
	d.Go("consumer-grants-event", events.PrizeGrants(d.JS, d.Pool, d.Log, postgres.GrantsTx).Run)
	d.Go("consumer-grants-mileage", events.RedemptionGrants(d.JS, d.Pool, d.Log, postgres.GrantsTx).Run)
	return nil
}
