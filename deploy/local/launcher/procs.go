package launcher

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// proc is one child process of the suite.
type proc struct {
	name string
	cmd  *exec.Cmd
	done chan error
}

// startProc runs bin with env, prefixing its output with the name. The
// child gets SIGTERM if the launcher dies, so nothing outlives it.
func startProc(name, bin string, env []string, out io.Writer) (*proc, error) {
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if f, direct := directOutput(out); direct {
		// Nobody reads the logs live (tests, benchmarks): the child writes
		// to /dev/null or to the file itself, not to a pipe this process
		// would have to drain.
		if f != nil {
			cmd.Stdout, cmd.Stderr = f, f
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("start %s: %w", name, err)
		}
		p := &proc{name: name, cmd: cmd, done: make(chan error, 1)}
		go func() { p.done <- cmd.Wait() }()
		return p, nil
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan error, 1)}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); prefix(out, name, stdout) }()
	go func() { wg.Wait(); p.done <- cmd.Wait() }()
	return p, nil
}

// directOutput tells whether a child can be handed out as is: io.Discard
// (nil: /dev/null) or an open file, which every child then appends to (open
// it with O_APPEND so their lines do not overwrite each other).
func directOutput(out io.Writer) (*os.File, bool) {
	if out == io.Discard {
		return nil, true
	}
	f, ok := out.(*os.File)
	return f, ok
}

var outMu sync.Mutex

func prefix(out io.Writer, name string, r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		outMu.Lock()
		fmt.Fprintf(out, "%-9s| %s\n", name, sc.Text())
		outMu.Unlock()
	}
}

// wait blocks until the process has exited and returns how; any number of
// goroutines may wait (the supervisor, a test's kill, stop).
func (p *proc) wait() error {
	err := <-p.done
	p.done <- err
	return err
}

// stop sends SIGTERM to the process group and waits, then kills.
func (p *proc) stop(grace time.Duration) {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	exited := make(chan struct{})
	go func() { _ = p.wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(grace):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}
}
