package localinfra

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NATSClusterNode makes a server one node of a JetStream cluster.
type NATSClusterNode struct {
	// ServerName is unique in the cluster; stream and consumer leaders are
	// reported by it.
	ServerName string
	// Cluster is the cluster's name, the same on every node.
	Cluster string
	// RoutePort is where the other nodes connect (127.0.0.1).
	RoutePort int
	// Routes are the other nodes' route URLs (nats://127.0.0.1:port).
	Routes []string
}

// StartNATSClusterServer starts one node of a cluster inside this process
// (natsd runs it with its -cluster flags): the suite's settings, except
// that an acknowledged write is kept by the stream's replicas rather than
// by an fsync per write — as NATS runs in deploy/k8s.
func StartNATSClusterServer(port int, store string, node NATSClusterNode, logf func(string, ...any)) (*server.Server, error) {
	opts := natsServerOptions(port, store, logf)
	opts.ServerName = node.ServerName
	opts.SyncAlways = false
	opts.Cluster = server.ClusterOpts{Name: node.Cluster, Host: "127.0.0.1", Port: node.RoutePort}
	opts.Routes = server.RoutesFromStr(strings.Join(node.Routes, ","))
	return startNATSServer(opts, logf)
}

// NATSCluster is a JetStream cluster of natsd child processes on loopback,
// for tests of what replicated streams survive: a node can be killed as a
// crash would (SIGKILL) and started again on its port and store.
type NATSCluster struct {
	mu       sync.Mutex
	binary   string
	logf     func(string, ...any)
	dir      string
	nodes    []*clusterNode
	shutdown bool
}

type clusterNode struct {
	args    []string
	port    int
	running natsRunning
}

// NATSClusterName is the cluster's name; nodes are n1, n2, ...
const NATSClusterName = "seoul"

// StartNATSCluster starts size natsd nodes (binary: platform/cmd/natsd)
// routed to each other and waits until JetStream answers, i.e. the nodes
// elected a meta leader.
func StartNATSCluster(binary string, size int, logf func(string, ...any)) (*NATSCluster, error) {
	dir, err := makeOwnedTempDir(natsTempPrefix)
	if err != nil {
		return nil, err
	}
	c := &NATSCluster{binary: binary, logf: logf, dir: dir}
	if err := c.plan(size); err != nil {
		c.Shutdown()
		return nil, err
	}
	for i := range c.nodes {
		if err := c.Start(i); err != nil {
			c.Shutdown()
			return nil, err
		}
	}
	if err := c.waitJetStream(); err != nil {
		c.Shutdown()
		return nil, err
	}
	return c, nil
}

// plan picks every node's client and route ports and builds its arguments.
func (c *NATSCluster) plan(size int) error {
	ports := make([]int, 2*size)
	for i := range ports {
		p, err := pickPort(0)
		if err != nil {
			return err
		}
		ports[i] = p
	}
	for i := range size {
		var routes []string
		for j := range size {
			if j != i {
				routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", ports[size+j]))
			}
		}
		store := fmt.Sprintf("%s/n%d", c.dir, i+1)
		if err := os.MkdirAll(store, 0o700); err != nil {
			return err
		}
		c.nodes = append(c.nodes, &clusterNode{port: ports[i], args: []string{
			"-port", strconv.Itoa(ports[i]), "-store", store, "-name", NodeName(i),
			"-cluster", NATSClusterName, "-cluster-port", strconv.Itoa(ports[size+i]),
			"-routes", strings.Join(routes, ","),
		}})
	}
	return nil
}

// NodeName is the server name of node i (0-based): n1, n2, ...
func NodeName(i int) string { return "n" + strconv.Itoa(i+1) }

// NodeIndex is the index of the node named name, -1 if none.
func (c *NATSCluster) NodeIndex(name string) int {
	for i := range c.nodes {
		if NodeName(i) == name {
			return i
		}
	}
	return -1
}

// URL lists every node's client URL, for clients that fail over.
func (c *NATSCluster) URL() string {
	urls := make([]string, len(c.nodes))
	for i, n := range c.nodes {
		urls[i] = fmt.Sprintf("nats://127.0.0.1:%d", n.port)
	}
	return strings.Join(urls, ",")
}

// Kill ends node i as a crash would (SIGKILL).
func (c *NATSCluster) Kill(i int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := c.nodes[i]; n.running != nil {
		n.running.kill()
		n.running = nil
	}
}

// Start starts node i (again) on its port and store; it catches up with
// the others from there. Starting a running node is a no-op.
func (c *NATSCluster) Start(i int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shutdown {
		return errors.New("localinfra: nats cluster: Start after Shutdown")
	}
	n := c.nodes[i]
	if n.running != nil {
		return nil
	}
	r, _, err := startNATSProcess(c.binary, append([]string(nil), n.args...), c.logf)
	if err != nil {
		return fmt.Errorf("localinfra: nats cluster node %s: %w", NodeName(i), err)
	}
	n.running = r
	return nil
}

// Shutdown stops every node and removes the stores. Safe twice.
func (c *NATSCluster) Shutdown() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shutdown {
		return
	}
	c.shutdown = true
	for _, n := range c.nodes {
		if n.running != nil {
			n.running.stop()
			n.running = nil
		}
	}
	_ = os.RemoveAll(c.dir)
}

// waitJetStream waits until the cluster can place a stream on every node:
// a meta leader answering is not enough, since it may not yet count the
// other nodes as current peers, and an R<size> stream created then fails
// with "no suitable peers for placement". A probe stream at that many
// replicas is created and deleted once placement succeeds.
func (c *NATSCluster) waitJetStream() error {
	nc, err := nats.Connect(c.URL(), nats.MaxReconnects(-1))
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	probe := jetstream.StreamConfig{Name: "LOCALINFRA_READY", Subjects: []string{"localinfra.ready"},
		Storage: jetstream.MemoryStorage, Replicas: len(c.nodes)}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err := js.CreateOrUpdateStream(ctx, probe)
		if err == nil {
			err = js.DeleteStream(ctx, probe.Name)
		}
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("localinfra: nats cluster: no stream placed on all %d nodes within 30s: %w", len(c.nodes), err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
