// Command natsd runs the suite's NATS JetStream server (the nats-server
// module, with the settings of localinfra: JetStream, sync-always) as its
// own process. The launcher (`make run`, e2e) and the test runs start it
// through localinfra.NATSOptions.Binary, so a NATS crash can be a real
// SIGKILL and race-enabled test binaries do not carry the server inside.
//
// It writes "ready <port>" to stdout once it accepts connections and shuts
// down gracefully on SIGINT or SIGTERM. With -cluster-port it is one node of
// a JetStream cluster (localinfra.NATSCluster), as NATS runs in deploy/k8s.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"strings"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/seoul-gov/homepage/platform/lifecycle"
	"github.com/seoul-gov/homepage/platform/localinfra"
)

func main() {
	port := flag.Int("port", 0, "client port on 127.0.0.1 (0: any free port)")
	store := flag.String("store", "", "JetStream store directory (required)")
	logs := flag.Bool("log", false, "write the server's log to stderr")
	var node localinfra.NATSClusterNode
	flag.StringVar(&node.ServerName, "name", "", "server name, unique in the cluster")
	flag.StringVar(&node.Cluster, "cluster", localinfra.NATSClusterName, "cluster name")
	flag.IntVar(&node.RoutePort, "cluster-port", 0, "route port on 127.0.0.1; makes this a cluster node")
	routes := flag.String("routes", "", "the other nodes' route URLs, comma-separated")
	flag.Parse()
	if *store == "" {
		fmt.Fprintln(os.Stderr, "natsd: -store is required")
		os.Exit(2)
	}
	if *routes != "" {
		node.Routes = strings.Split(*routes, ",")
	}
	if err := run(*port, *store, *logs, node); err != nil {
		fmt.Fprintln(os.Stderr, "natsd:", err)
		os.Exit(1)
	}
}

func run(port int, store string, logs bool, node localinfra.NATSClusterNode) error {
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	var logf func(string, ...any)
	if logs {
		logf = log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds).Printf
	}
	start := func() (*server.Server, error) { return localinfra.StartNATSServer(port, store, logf) }
	if node.RoutePort != 0 {
		start = func() (*server.Server, error) { return localinfra.StartNATSClusterServer(port, store, node, logf) }
	}
	srv, err := start()
	if err != nil {
		return err
	}
	fmt.Printf("%s%d\n", localinfra.NATSReadyPrefix, srv.Addr().(*net.TCPAddr).Port)
	<-ctx.Done()
	srv.Shutdown()
	srv.WaitForShutdown()
	return nil
}
