package localinfra

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Crash stops the server the way a crash would (pg_ctl stop -m immediate:
// no checkpoint, backends killed), keeping the cluster, so Start can bring
// it back with crash recovery. Tests use it to prove that nothing a
// service acknowledged is lost.
func (p *Postgres) Crash() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return errors.New("localinfra: postgres: Crash after Stop")
	}
	_, err := p.user.run(p.dir, filepath.Join(p.binDir, "pg_ctl"), "-D", p.dataDir, "-m", "immediate", "-w", "stop")
	return err
}

// Start brings a crashed or stopped server back on the same port and data
// (PostgreSQL replays its WAL first) and returns once it accepts logins.
// Starting a running server is a no-op.
func (p *Postgres) Start(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return errors.New("localinfra: postgres: Start after Stop")
	}
	if p.alive() {
		return nil
	}
	if err := p.pgCtlStart(); err != nil {
		return err
	}
	return p.waitReady(ctx)
}

// Alive reports whether the server process is running (it may still be
// recovering). Supervisors poll it to restart a crashed server.
func (p *Postgres) Alive() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.stopped && p.alive()
}

// alive reads the postmaster's pid from its lock file: a server that was
// stopped removed the file, one that was killed left it with a dead pid.
func (p *Postgres) alive() bool {
	b, err := os.ReadFile(filepath.Join(p.dataDir, "postmaster.pid"))
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	return err == nil && pid > 0 && processAlive(pid)
}
