package localinfra

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// A process killed hard — go test -timeout, a panicking test (the testing
// package re-panics, so no deferred cleanup runs), SIGKILL — never calls
// Stop/Shutdown, leaving a postgres running and temp dirs behind. Each temp
// dir therefore records its owner's PID, and the next start reaps dirs whose
// owner is dead. Dirs of live processes (parallel test binaries) are left
// alone.
const (
	pgTempPrefix   = "seoul-pg-"
	natsTempPrefix = "seoul-nats-"
	ownerFile      = "owner.pid"
)

// makeOwnedTempDir creates a temp dir stamped with our PID.
func makeOwnedTempDir(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix+"*")
	if err != nil {
		return "", err
	}
	pid := []byte(strconv.Itoa(os.Getpid()))
	if err := os.WriteFile(filepath.Join(dir, ownerFile), pid, 0o644); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// reapStale calls stop on, then removes, every temp dir with prefix whose
// owner process is gone. Best effort: a failure only leaves things behind.
func reapStale(prefix string, logf func(string, ...any), stop func(dir string)) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), prefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue // not ours, or still being set up
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || processAlive(pid) {
			continue
		}
		logf("localinfra: reaping %s left by dead process %d", dir, pid)
		if stop != nil {
			stop(dir)
		}
		_ = os.RemoveAll(dir)
	}
}

// reapStalePostgres also kills the orphaned server, which would otherwise
// keep running (and holding memory) forever.
func (p *Postgres) reapStalePostgres() {
	pgCtl := filepath.Join(p.binDir, "pg_ctl")
	reapStale(pgTempPrefix, p.logf, func(dir string) {
		data := filepath.Join(dir, "data")
		if _, err := os.Stat(filepath.Join(data, "postmaster.pid")); err == nil {
			_, _ = p.user.run(dir, pgCtl, "-D", data, "-m", "immediate", "-w", "stop")
		}
	})
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
