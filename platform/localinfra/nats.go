package localinfra

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// NATSOptions configures StartNATS.
type NATSOptions struct {
	// Port on 127.0.0.1; 0 picks a random free port.
	Port int
	// StoreDir is the JetStream store; empty means a temp dir that Shutdown
	// removes. A given StoreDir is kept.
	StoreDir string
	// Logf receives the server's log; nil silences it.
	Logf func(format string, args ...any)
}

// NATS is an embedded nats-server with JetStream enabled.
type NATS struct {
	mu       sync.Mutex
	opts     *server.Options
	srv      *server.Server
	logf     func(string, ...any)
	ownsDir  bool
	shutdown bool
}

const natsReadyTimeout = 10 * time.Second

// StartNATS starts an embedded JetStream server and waits until it accepts
// connections.
func StartNATS(opts NATSOptions) (*NATS, error) {
	n := &NATS{logf: opts.Logf}
	store := opts.StoreDir
	if store == "" {
		reapStale(natsTempPrefix, n.logfOrDiscard(), nil)
		dir, err := makeOwnedTempDir(natsTempPrefix)
		if err != nil {
			return nil, err
		}
		store, n.ownsDir = dir, true
	}
	port := opts.Port
	if port == 0 {
		port = server.RANDOM_PORT
	}
	n.opts = &server.Options{
		Host:      "127.0.0.1",
		Port:      port,
		JetStream: true,
		StoreDir:  store,
		NoSigs:    true, // the host process (tests, launcher) owns signals
		NoLog:     opts.Logf == nil,
		// A single node acknowledges before fsync by default, so a crash
		// could lose acknowledged events (points, complaints): fsync each
		// write instead. In a cluster, stream replicas do this job.
		SyncAlways: true,
	}
	if err := n.boot(); err != nil {
		n.Shutdown()
		return nil, err
	}
	// Pin the chosen port so Restart comes back where clients expect it.
	n.opts.Port = n.srv.Addr().(*net.TCPAddr).Port
	return n, nil
}

// boot creates and starts a server from n.opts. Callers hold n.mu or own n.
func (n *NATS) boot() error {
	srv, err := server.NewServer(n.opts.Clone())
	if err != nil {
		return fmt.Errorf("localinfra: nats: %w", err)
	}
	if n.logf != nil {
		srv.SetLogger(natsLogger{n.logf}, false, false)
	}
	go srv.Start()
	if !srv.ReadyForConnections(natsReadyTimeout) {
		srv.Shutdown()
		return errors.New("localinfra: nats: not ready for connections within 10s")
	}
	n.srv = srv
	return nil
}

// URL is the client URL, stable across Restart.
func (n *NATS) URL() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return fmt.Sprintf("nats://127.0.0.1:%d", n.opts.Port)
}

// Server returns the current server; it is a new value after Restart.
func (n *NATS) Server() *server.Server {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.srv
}

// Stop shuts the server down but keeps its port and store, so Start can
// bring it back; tests use the gap to exercise "NATS is down" paths.
func (n *NATS) Stop() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.stopLocked()
}

func (n *NATS) stopLocked() {
	if n.srv == nil {
		return
	}
	n.srv.Shutdown()
	n.srv.WaitForShutdown()
	n.srv = nil
}

// Start brings a stopped server back on the same port and store (JetStream
// recovers its streams from disk). Starting a running server is a no-op.
func (n *NATS) Start() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.shutdown {
		return errors.New("localinfra: nats: Start after Shutdown")
	}
	if n.srv != nil {
		return nil
	}
	return n.boot()
}

// Restart is Stop followed by Start: a NATS outage with the data intact.
func (n *NATS) Restart() error {
	n.Stop()
	return n.Start()
}

// Shutdown stops the server for good and removes a temp store. Safe twice.
func (n *NATS) Shutdown() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.shutdown {
		return
	}
	n.shutdown = true
	n.stopLocked()
	if n.ownsDir {
		_ = os.RemoveAll(n.opts.StoreDir)
	}
}

func (n *NATS) logfOrDiscard() func(string, ...any) {
	if n.logf == nil {
		return func(string, ...any) {}
	}
	return n.logf
}

// natsLogger forwards the server's log to a printf-style func.
type natsLogger struct{ logf func(string, ...any) }

func (l natsLogger) Noticef(f string, v ...any) { l.logf("nats: "+f, v...) }
func (l natsLogger) Warnf(f string, v ...any)   { l.logf("nats WARN: "+f, v...) }
func (l natsLogger) Fatalf(f string, v ...any)  { l.logf("nats FATAL: "+f, v...) }
func (l natsLogger) Errorf(f string, v ...any)  { l.logf("nats ERROR: "+f, v...) }
func (l natsLogger) Debugf(f string, v ...any)  { l.logf("nats DEBUG: "+f, v...) }
func (l natsLogger) Tracef(f string, v ...any)  { l.logf("nats TRACE: "+f, v...) }
