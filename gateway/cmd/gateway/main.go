// Command gateway serves the suite's REST edge: the services' JSON routes,
// bearer-token checks, rate limits, health and readiness, the OpenAPI
// document and the API reference at /docs. Configuration comes from the
// environment (see README.md); it stops gracefully on SIGINT or SIGTERM.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/seoul-gov/homepage/gateway/internal/edge"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/lifecycle"
	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/platform/tracing"
)

func main() {
	os.Exit(run())
}

// run is the one exit path: it returns the process exit code.
func run() int {
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	var cfg edge.Config
	if err := config.Load(&cfg); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	log := logging.New(cfg.Log, "gateway")
	stopTracing, err := tracing.Setup(ctx, cfg.Config, "gateway")
	if err != nil {
		log.Error("tracing", "err", err)
		return 1
	}
	defer func() { _ = stopTracing(context.WithoutCancel(ctx)) }()
	if err := edge.Serve(ctx, cfg, log); err != nil {
		log.Error("gateway stopped", "err", err)
		return 1
	}
	log.Info("gateway stopped")
	return 0
}
