// Package testinfra gives a test binary real infrastructure — a Postgres
// server with cheap per-test databases and NATS JetStream (natsd: the
// nats-server module as a child process) — started lazily on first use and
// torn down when the binary's tests are done.
//
// Wire it up once per package:
//
//	func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }
//
// Postgres comes from localinfra (the machine's own binaries) unless
// SEOUL_TEST_PG_URL names a server started by CI or the Makefile; then each
// test binary creates, and drops, its own uniquely named databases on it.
package testinfra

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
)

// mainActive guards against forgetting TestMain: without Main nothing would
// stop the servers, leaving postgres processes behind after every run.
var mainActive atomic.Bool

var (
	teardownMu sync.Mutex
	teardowns  []func() // run in reverse order at exit
)

// onExit registers f to run when Main finishes or the binary is interrupted.
func onExit(f func()) {
	teardownMu.Lock()
	defer teardownMu.Unlock()
	teardowns = append(teardowns, f)
}

// teardown runs the registered funcs once; concurrent callers (normal exit
// racing a signal) wait for the first to finish.
func teardown() {
	teardownMu.Lock()
	defer teardownMu.Unlock()
	for i := len(teardowns) - 1; i >= 0; i-- {
		teardowns[i]()
	}
	teardowns = nil
}

// Main runs the tests and stops whatever infrastructure they started. It
// returns m.Run's exit code for os.Exit.
func Main(m *testing.M) int {
	mainActive.Store(true)
	stopSignals := handleSignals()
	defer stopSignals()
	// Deferred so a panic escaping m.Run (e.g. from a TestMain-level helper)
	// still stops postgres; test panics are recovered by m.Run itself.
	defer teardown()
	return m.Run()
}

// handleSignals stops the infrastructure on Ctrl-C / SIGTERM before exiting,
// since deferred calls do not run when a signal kills the process.
func handleSignals() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			fmt.Fprintf(os.Stderr, "testinfra: %v: stopping test infrastructure\n", sig)
			teardown()
			os.Exit(128 + int(sig.(syscall.Signal)))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// requireMain fails the test when TestMain does not call Main.
func requireMain(t testing.TB) {
	t.Helper()
	if !mainActive.Load() {
		t.Fatalf("testinfra: add `func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }` to this package so the infrastructure is stopped after the tests")
	}
}
