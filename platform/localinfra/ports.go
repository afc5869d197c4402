package localinfra

import (
	"net"
	"strconv"
)

// pickPort returns want if it is free on 127.0.0.1, else a free port chosen by
// the kernel. The port is released before returning, so another process may
// grab it first; StartPostgres retries on "could not bind".
func pickPort(want int) (int, error) {
	if want > 0 {
		if l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(want)); err == nil {
			_ = l.Close()
			return want, nil
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
