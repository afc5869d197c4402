// Command web serves the City of Seoul homepage: the citizen portal and
// the staff console, server-rendered over the suite's REST edge.
// Configuration comes from the environment (see web/README.md); it stops
// gracefully on SIGINT or SIGTERM.
package main

import (
	"fmt"
	"os"
	_ "time/tzdata" // dates are shown in Asia/Seoul even where the system has no zone data

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/lifecycle"
	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/web/server"
)

func main() { os.Exit(run()) }

// run is the one exit path: it returns the process exit code.
func run() int {
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	var cfg server.Config
	if err := config.Load(&cfg); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	log := logging.New(cfg.Log, "web")
	srv, err := server.New(cfg, log)
	if err != nil {
		log.Error("web front", "err", err)
		return 1
	}
	if err := srv.Serve(ctx); err != nil {
		log.Error("web front stopped", "err", err)
		return 1
	}
	log.Info("web front stopped")
	return 0
}
