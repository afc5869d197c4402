package launcher

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// edgeProxy puts the edge's replicas behind the one public port, as the load
// balancer in front of the edge does in a cluster: each new connection goes
// to the next replica in turn, skipping one that does not accept, so a
// replica that crashed loses only the connections it held.
type edgeProxy struct {
	ln       net.Listener
	backends []string
	next     atomic.Uint64

	mu     sync.Mutex
	open   map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

// startEdgeProxy listens on addr and forwards to backends.
func startEdgeProxy(addr string, backends []string) (*edgeProxy, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	p := &edgeProxy{ln: ln, backends: backends, open: map[net.Conn]struct{}{}}
	p.wg.Go(p.serve)
	return p, nil
}

func (p *edgeProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		if !p.track(c) {
			c.Close()
			return
		}
		p.wg.Go(func() {
			defer p.untrack(c)
			p.forward(c)
		})
	}
}

// forward connects c to the next replica that accepts and copies both ways
// until either side closes.
func (p *edgeProxy) forward(c net.Conn) {
	defer c.Close()
	start := p.next.Add(1)
	for i := range len(p.backends) {
		b, err := net.DialTimeout("tcp", p.backends[(int(start)+i)%len(p.backends)], time.Second)
		if err != nil {
			continue
		}
		if !p.track(b) {
			b.Close()
			return
		}
		defer p.untrack(b)
		defer b.Close()
		done := make(chan struct{}, 2)
		go func() { copyHalf(b, c); done <- struct{}{} }()
		go func() { copyHalf(c, b); done <- struct{}{} }()
		<-done
		<-done
		return
	}
}

// copyHalf copies src to dst, then tells dst nothing more comes.
func copyHalf(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	if tcp, ok := dst.(*net.TCPConn); ok {
		_ = tcp.CloseWrite()
		return
	}
	_ = dst.Close()
}

func (p *edgeProxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.open[c] = struct{}{}
	return true
}

func (p *edgeProxy) untrack(c net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.open, c)
}

// Close stops accepting, ends every forwarded connection and waits.
func (p *edgeProxy) Close() {
	p.mu.Lock()
	p.closed = true
	for c := range p.open {
		c.Close()
	}
	p.mu.Unlock()
	p.ln.Close()
	p.wg.Wait()
}
