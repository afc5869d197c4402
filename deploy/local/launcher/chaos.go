package launcher

import (
	"context"
	"fmt"
	"syscall"
)

// The suite's fault injection, for tests that prove nothing is lost or
// doubled. Kill* and Stop* take something down and hold it down until the
// matching Restart/Start (the supervisor leaves it alone meanwhile); Crash*
// kill it as the kernel would and leave it to the supervisor to bring back.

func (s *Suite) child(name string) (*supervised, error) {
	for _, c := range s.children {
		if c.name == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no process %q", name)
}

// KillService kills a service process with SIGKILL, as a crash would (no
// graceful shutdown, in-flight work abandoned), and holds it down.
func (s *Suite) KillService(name string) error {
	c, err := s.child(name)
	if err != nil {
		return err
	}
	c.kill(true)
	return nil
}

// CrashService kills a service process with SIGKILL and lets the
// supervisor restart it, as it would after a real crash.
func (s *Suite) CrashService(name string) error {
	c, err := s.child(name)
	if err != nil {
		return err
	}
	c.kill(false)
	return nil
}

// RestartService starts a killed service again on the same database and
// ports and waits until it is SERVING.
func (s *Suite) RestartService(ctx context.Context, name string) error {
	c, err := s.child(name)
	if err != nil {
		return err
	}
	p, err := c.restart()
	if err != nil {
		return err
	}
	return waitServing(ctx, s.cfg.Ports.grpcOf(name), p)
}

// StartServiceNoWait starts a killed service again and returns at once:
// tests of a service starting while its dependencies are down.
func (s *Suite) StartServiceNoWait(name string) error {
	c, err := s.child(name)
	if err != nil {
		return err
	}
	_, err = c.restart()
	return err
}

// WaitServing waits until service name reports SERVING, whoever started it.
func (s *Suite) WaitServing(ctx context.Context, name string) error {
	return waitServing(ctx, s.cfg.Ports.grpcOf(name), nil)
}

// ServicePID is the process id of service name (tests crash it from
// outside, as the kernel would).
func (s *Suite) ServicePID(name string) (int, error) {
	c, err := s.child(name)
	if err != nil {
		return 0, err
	}
	return c.current().cmd.Process.Pid, nil
}

// StopNATS stops the suite's NATS server gracefully, keeping its store;
// StartNATS brings it back with every stream intact.
func (s *Suite) StopNATS() error {
	if s.nats == nil {
		return fmt.Errorf("NATS is external")
	}
	s.holdInfra("nats", true)
	s.nats.Stop()
	return nil
}

// KillNATS kills the suite's NATS server with SIGKILL, as a crash would,
// and holds it down; StartNATS brings it back from its store.
func (s *Suite) KillNATS() error {
	if s.nats == nil {
		return fmt.Errorf("NATS is external")
	}
	s.holdInfra("nats", true)
	s.nats.Kill()
	return nil
}

// CrashNATS kills natsd with SIGKILL from outside and leaves it to the
// supervisor.
func (s *Suite) CrashNATS() error {
	if s.nats == nil || s.nats.PID() == 0 {
		return fmt.Errorf("NATS is external or not running")
	}
	return syscall.Kill(s.nats.PID(), syscall.SIGKILL)
}

// StartNATS restarts the NATS server stopped or killed above.
func (s *Suite) StartNATS() error {
	if s.nats == nil {
		return fmt.Errorf("NATS is external")
	}
	err := s.nats.Start()
	s.holdInfra("nats", false)
	return err
}

// CrashPostgres stops PostgreSQL as a crash would (pg_ctl stop -m
// immediate: no checkpoint, every backend killed) and leaves it to the
// supervisor, which restarts it with crash recovery.
func (s *Suite) CrashPostgres() error {
	if s.pg == nil {
		return fmt.Errorf("PostgreSQL is external")
	}
	return s.pg.Crash()
}

// StopPostgres crashes PostgreSQL the same way and holds it down: a
// database outage for as long as the test wants.
func (s *Suite) StopPostgres() error {
	if s.pg == nil {
		return fmt.Errorf("PostgreSQL is external")
	}
	s.holdInfra("postgres", true)
	return s.pg.Crash()
}

// StartPostgres ends the outage StopPostgres began.
func (s *Suite) StartPostgres(ctx context.Context) error {
	if s.pg == nil {
		return fmt.Errorf("PostgreSQL is external")
	}
	err := s.pg.Start(ctx)
	s.holdInfra("postgres", false)
	return err
}

// PostgresAlive and NATSAlive report whether the supervisor has them up.
func (s *Suite) PostgresAlive() bool { return s.pg != nil && s.pg.Alive() }

// NATSAlive reports whether the suite's NATS server runs.
func (s *Suite) NATSAlive() bool { return s.nats != nil && s.nats.Alive() }
