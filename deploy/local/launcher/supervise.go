package launcher

import (
	"context"
	"fmt"
	"io"
	"sync"
	"syscall"
	"time"
)

// Backoff between restarts of a crashed process: from minRestart, doubling
// up to maxRestart, and back to minRestart once it has run stableAfter.
const (
	minRestart  = 500 * time.Millisecond
	maxRestart  = 30 * time.Second
	stableAfter = time.Minute
	// infraPoll is how often PostgreSQL and NATS are checked.
	infraPoll = time.Second
)

// supervised is a child process the launcher keeps running: when it exits
// on its own it is restarted with backoff and a line says so. A test that
// kills it on purpose holds it down until it restarts it itself.
type supervised struct {
	name, bin string
	env       []string
	out       io.Writer

	mu       sync.Mutex
	cur      *proc
	held     bool
	stopping bool
	resume   chan struct{} // Restart wakes a held supervisor
	quit     chan struct{} // closed by stop
	done     chan struct{} // closed when the supervisor has returned
}

func newSupervised(name, bin string, env []string, out io.Writer, p *proc) *supervised {
	return &supervised{name: name, bin: bin, env: env, out: out, cur: p,
		resume: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
}

func (c *supervised) current() *proc {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur
}

// supervise restarts the process whenever it exits unasked, until stop.
func (c *supervised) supervise() {
	defer close(c.done)
	wait := minRestart
	for {
		p := c.current()
		started := time.Now()
		err := p.wait()
		switch c.after(p) {
		case exitStop:
			return
		case exitReplaced:
			continue
		case exitHeld:
			select {
			case <-c.resume:
				continue
			case <-c.quit:
				return
			}
		}
		if time.Since(started) > stableAfter {
			wait = minRestart
		}
		say(c.out, "%s exited (%v); restarting it in %s", c.name, exitText(err), wait)
		if !c.restartAfter(wait) {
			return
		}
		wait = min(2*wait, maxRestart)
	}
}

type exitKind int

const (
	exitCrash    exitKind = iota // exited unasked: restart it
	exitStop                     // the suite is stopping
	exitReplaced                 // someone already started a new one
	exitHeld                     // killed on purpose: wait for Restart
)

func (c *supervised) after(p *proc) exitKind {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.stopping:
		return exitStop
	case c.cur != p:
		select { // drop the wake-up meant for the replaced process
		case <-c.resume:
		default:
		}
		return exitReplaced
	case c.held:
		return exitHeld
	}
	return exitCrash
}

// restartAfter waits d, then starts the process again, retrying with the
// same backoff while it cannot even start. It reports false on stop.
func (c *supervised) restartAfter(d time.Duration) bool {
	for {
		select {
		case <-c.quit:
			return false
		case <-time.After(d):
		}
		c.mu.Lock()
		if c.stopping {
			c.mu.Unlock()
			return false
		}
		np, err := startProc(c.name, c.bin, c.env, c.out)
		if err == nil {
			c.cur = np
		}
		c.mu.Unlock()
		if err == nil {
			say(c.out, "%s restarted (pid %d)", c.name, np.cmd.Process.Pid)
			return true
		}
		say(c.out, "%s could not be restarted (%v); trying again in %s", c.name, err, d)
		d = min(2*d, maxRestart)
	}
}

// kill ends the process with SIGKILL, as a crash would. With hold, the
// supervisor leaves it down until restart; without, it brings it back.
func (c *supervised) kill(hold bool) {
	c.mu.Lock()
	c.held = c.held || hold
	p := c.cur
	c.mu.Unlock()
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	_ = p.wait()
}

// restart starts a held process again at once.
func (c *supervised) restart() (*proc, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	np, err := startProc(c.name, c.bin, c.env, c.out)
	if err != nil {
		return nil, err
	}
	c.cur, c.held = np, false
	select {
	case c.resume <- struct{}{}:
	default:
	}
	return np, nil
}

// stop ends supervision and the process (SIGTERM, then SIGKILL after grace).
func (c *supervised) stop(grace time.Duration) {
	c.mu.Lock()
	if !c.stopping {
		c.stopping = true
		close(c.quit)
	}
	p := c.cur
	c.mu.Unlock()
	p.stop(grace)
	<-c.done
}

func exitText(err error) string {
	if err == nil {
		return "status 0"
	}
	return err.Error()
}

// say writes one line of the launcher's own, beside its children's.
func say(out io.Writer, format string, args ...any) {
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Fprintf(out, "%-9s| "+format+"\n", append([]any{"launcher"}, args...)...)
}

// watchInfra restarts PostgreSQL and NATS when they die, until ctx ends.
// held tells whether a test took one down on purpose.
func (s *Suite) watchInfra(ctx context.Context) {
	t := time.NewTicker(infraPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if s.pg != nil && !s.heldInfra("postgres") && !s.pg.Alive() {
			say(s.cfg.Out, "postgres is down; restarting it (its data is kept)")
			if err := s.pg.Start(ctx); err != nil {
				say(s.cfg.Out, "postgres could not be restarted (%v); trying again", err)
			} else {
				say(s.cfg.Out, "postgres restarted")
			}
		}
		if s.nats != nil && !s.heldInfra("nats") && !s.nats.Alive() {
			say(s.cfg.Out, "nats is down; restarting it (its streams are kept)")
			if err := s.nats.Start(); err != nil {
				say(s.cfg.Out, "nats could not be restarted (%v); trying again", err)
			} else {
				say(s.cfg.Out, "nats restarted")
			}
		}
	}
}

func (s *Suite) heldInfra(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held[name]
}

func (s *Suite) holdInfra(name string, hold bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held[name] = hold
}
