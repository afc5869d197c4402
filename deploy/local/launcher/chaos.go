package launcher

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
)

// KillService kills a service process with SIGKILL, as a crash would: no
// graceful shutdown, in-flight work abandoned. Tests use it to prove that
// nothing is lost or doubled.
func (s *Suite) KillService(name string) error {
	for _, p := range s.procs {
		if p.name == name {
			_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			err := <-p.done
			p.done <- err
			return nil
		}
	}
	return fmt.Errorf("no process %q", name)
}

// RestartService starts a killed service again on the same database and
// ports and waits until it is SERVING.
func (s *Suite) RestartService(ctx context.Context, name string) error {
	for i, p := range s.procs {
		if p.name != name {
			continue
		}
		np, err := startProc(name, filepath.Join(s.cfg.BinDir, name), s.env[name], s.cfg.Out)
		if err != nil {
			return err
		}
		s.procs[i] = np
		return waitServing(ctx, s.cfg.Ports.GRPC(name), np)
	}
	return fmt.Errorf("no process %q", name)
}

// StopNATS stops the suite's NATS server gracefully, keeping its store;
// StartNATS brings it back with every stream intact.
func (s *Suite) StopNATS() error {
	if s.nats == nil {
		return fmt.Errorf("NATS is external")
	}
	s.nats.Stop()
	return nil
}

// KillNATS kills the suite's NATS server with SIGKILL, as a crash would;
// StartNATS brings it back from its store.
func (s *Suite) KillNATS() error {
	if s.nats == nil {
		return fmt.Errorf("NATS is external")
	}
	s.nats.Kill()
	return nil
}

// StartNATS restarts the NATS server stopped or killed above.
func (s *Suite) StartNATS() error {
	if s.nats == nil {
		return fmt.Errorf("NATS is external")
	}
	return s.nats.Start()
}
