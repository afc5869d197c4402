// Command natsd runs the suite's NATS JetStream server (the nats-server
// module, with the settings of localinfra: JetStream, sync-always) as its
// own process. The launcher (`make run`, e2e) and the test runs start it
// through localinfra.NATSOptions.Binary, so a NATS crash can be a real
// SIGKILL and race-enabled test binaries do not carry the server inside.
//
// It writes "ready <port>" to stdout once it accepts connections and shuts
// down gracefully on SIGINT or SIGTERM.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"

	"github.com/seoul-gov/homepage/platform/lifecycle"
	"github.com/seoul-gov/homepage/platform/localinfra"
)

func main() {
	port := flag.Int("port", 0, "client port on 127.0.0.1 (0: any free port)")
	store := flag.String("store", "", "JetStream store directory (required)")
	logs := flag.Bool("log", false, "write the server's log to stderr")
	flag.Parse()
	if *store == "" {
		fmt.Fprintln(os.Stderr, "natsd: -store is required")
		os.Exit(2)
	}
	if err := run(*port, *store, *logs); err != nil {
		fmt.Fprintln(os.Stderr, "natsd:", err)
		os.Exit(1)
	}
}

func run(port int, store string, logs bool) error {
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	var logf func(string, ...any)
	if logs {
		logf = log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds).Printf
	}
	srv, err := localinfra.StartNATSServer(port, store, logf)
	if err != nil {
		return err
	}
	fmt.Printf("%s%d\n", localinfra.NATSReadyPrefix, srv.Addr().(*net.TCPAddr).Port)
	<-ctx.Done()
	srv.Shutdown()
	srv.WaitForShutdown()
	return nil
}
