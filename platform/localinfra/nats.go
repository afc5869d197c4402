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
	// Binary, if set, is a natsd executable (platform/cmd/natsd) that runs
	// the server as a child process instead of inside this one. Test runs
	// use it for two reasons: the race detector then watches our code only,
	// not nats-server's internals (which have races of their own, e.g.
	// nats-server#7288), and Kill is a real SIGKILL.
	Binary string
}

// NATS is a nats-server with JetStream enabled, from the nats-server module:
// inside this process, or as a natsd child process (NATSOptions.Binary).
type NATS struct {
	mu       sync.Mutex
	port     int
	store    string
	binary   string
	logf     func(string, ...any)
	ownsDir  bool
	running  natsRunning
	shutdown bool
}

// natsRunning is one running server, in-process or a child process.
type natsRunning interface {
	// stop shuts the server down gracefully and waits.
	stop()
	// kill ends it as a crash would, where that is possible.
	kill()
	// alive reports whether it still runs (a child may have died on its own).
	alive() bool
	// pid is the child's process id, 0 in-process.
	pid() int
}

const natsReadyTimeout = 10 * time.Second

// StartNATS starts a JetStream server and waits until it accepts
// connections.
func StartNATS(opts NATSOptions) (*NATS, error) {
	n := &NATS{port: opts.Port, store: opts.StoreDir, binary: opts.Binary, logf: opts.Logf}
	if n.store == "" {
		reapStale(natsTempPrefix, n.logfOrDiscard(), nil)
		dir, err := makeOwnedTempDir(natsTempPrefix)
		if err != nil {
			return nil, err
		}
		n.store, n.ownsDir = dir, true
	}
	if err := n.boot(); err != nil {
		n.Shutdown()
		return nil, err
	}
	return n, nil
}

// boot starts a server on n.port (0: any) and pins the port it got, so a
// restart comes back where clients expect it. Callers hold n.mu or own n.
func (n *NATS) boot() error {
	var (
		r    natsRunning
		port int
		err  error
	)
	if n.binary != "" {
		r, port, err = startNATSChild(n.binary, n.port, n.store, n.logf)
	} else {
		var srv *server.Server
		srv, err = StartNATSServer(n.port, n.store, n.logf)
		if err == nil {
			r, port = inProcessNATS{srv}, srv.Addr().(*net.TCPAddr).Port
		}
	}
	if err != nil {
		return err
	}
	n.running, n.port = r, port
	return nil
}

// StartNATSServer starts the suite's JetStream server inside this process
// and waits until it accepts connections. natsd and the in-process mode of
// StartNATS share it, so both run with the same settings.
func StartNATSServer(port int, store string, logf func(string, ...any)) (*server.Server, error) {
	return startNATSServer(natsServerOptions(port, store, logf), logf)
}

// natsServerOptions are the suite's server settings on port (0: any).
func natsServerOptions(port int, store string, logf func(string, ...any)) *server.Options {
	if port == 0 {
		port = server.RANDOM_PORT
	}
	return &server.Options{
		Host:      "127.0.0.1",
		Port:      port,
		JetStream: true,
		StoreDir:  store,
		NoSigs:    true, // the host process (tests, launcher, natsd) owns signals
		NoLog:     logf == nil,
		// A single node acknowledges before fsync by default, so a crash
		// could lose acknowledged events (points, complaints): fsync each
		// write instead. In a cluster, stream replicas do this job.
		SyncAlways: true,
	}
}

// startNATSServer starts a server with opts and waits until it accepts
// connections.
func startNATSServer(opts *server.Options, logf func(string, ...any)) (*server.Server, error) {
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("localinfra: nats: %w", err)
	}
	if logf != nil {
		srv.SetLogger(natsLogger{logf}, false, false)
	}
	go srv.Start()
	if !srv.ReadyForConnections(natsReadyTimeout) {
		srv.Shutdown()
		return nil, errors.New("localinfra: nats: not ready for connections within 10s")
	}
	return srv, nil
}

// URL is the client URL, stable across Restart.
func (n *NATS) URL() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return fmt.Sprintf("nats://127.0.0.1:%d", n.port)
}

// Stop shuts the server down but keeps its port and store, so Start can
// bring it back; tests use the gap to exercise "NATS is down" paths.
func (n *NATS) Stop() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.end(natsRunning.stop)
}

// Kill ends the server as a crash would (SIGKILL, no flush, no goodbye to
// clients) when it runs as a child process; in-process it can only shut
// down. Start brings it back: with sync-always nothing acknowledged is lost.
func (n *NATS) Kill() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.end(natsRunning.kill)
}

func (n *NATS) end(how func(natsRunning)) {
	if n.running == nil {
		return
	}
	how(n.running)
	n.running = nil
}

// Start brings a stopped, killed or crashed server back on the same port
// and store (JetStream recovers its streams from disk). Starting a running
// server is a no-op.
func (n *NATS) Start() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.shutdown {
		return errors.New("localinfra: nats: Start after Shutdown")
	}
	if n.running != nil && n.running.alive() {
		return nil
	}
	return n.boot()
}

// PID is the natsd child's process id (0 in-process or when not running),
// so a test can crash it from outside as the kernel or an operator would.
func (n *NATS) PID() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.running == nil {
		return 0
	}
	return n.running.pid()
}

// Alive reports whether the server runs: false after Stop or Kill, and
// after its process died on its own. Supervisors poll it.
func (n *NATS) Alive() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.running != nil && n.running.alive()
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
	n.end(natsRunning.stop)
	if n.ownsDir {
		_ = os.RemoveAll(n.store)
	}
}

func (n *NATS) logfOrDiscard() func(string, ...any) {
	if n.logf == nil {
		return func(string, ...any) {}
	}
	return n.logf
}

// inProcessNATS is a server running inside this process.
type inProcessNATS struct{ srv *server.Server }

func (s inProcessNATS) stop() {
	s.srv.Shutdown()
	s.srv.WaitForShutdown()
}

// kill cannot crash a server without crashing its host; an immediate
// shutdown is the nearest thing.
func (s inProcessNATS) kill() { s.stop() }

func (s inProcessNATS) alive() bool { return s.srv.Running() }

func (s inProcessNATS) pid() int { return 0 }

// natsLogger forwards the server's log to a printf-style func.
type natsLogger struct{ logf func(string, ...any) }

func (l natsLogger) Noticef(f string, v ...any) { l.logf("nats: "+f, v...) }
func (l natsLogger) Warnf(f string, v ...any)   { l.logf("nats WARN: "+f, v...) }
func (l natsLogger) Fatalf(f string, v ...any)  { l.logf("nats FATAL: "+f, v...) }
func (l natsLogger) Errorf(f string, v ...any)  { l.logf("nats ERROR: "+f, v...) }
func (l natsLogger) Debugf(f string, v ...any)  { l.logf("nats DEBUG: "+f, v...) }
func (l natsLogger) Tracef(f string, v ...any)  { l.logf("nats TRACE: "+f, v...) }
