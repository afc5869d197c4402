// Command testpg holds one throwaway PostgreSQL cluster for a whole test
// run, so the test binaries of every module share it (each still clones its
// own databases) instead of starting a cluster each. It writes the server
// URL to the file named by its argument, then waits for SIGINT/SIGTERM and
// removes the cluster.
//
// Tests run it without fsync, for speed. SEOUL_TEST_PG_FSYNC=on keeps
// fsync on, as `make run` and deploy/ run PostgreSQL: benchmarks set it
// (scripts/bench.sh), so what a commit costs is what it costs in service.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/seoul-gov/homepage/platform/lifecycle"
	"github.com/seoul-gov/homepage/platform/localinfra"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: testpg URL-FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "testpg:", err)
		os.Exit(1)
	}
}

func run(urlFile string) error {
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	noFsync := os.Getenv("SEOUL_TEST_PG_FSYNC") != "on"
	pg, err := localinfra.StartPostgres(context.Background(), localinfra.PostgresOptions{NoFsync: noFsync})
	if err != nil {
		return err
	}
	defer pg.Stop()
	if err := os.WriteFile(urlFile, []byte(pg.URL("postgres")), 0o644); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}
