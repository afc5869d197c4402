// Package launcher brings the whole suite up on one machine for `make run`
// and for the end-to-end tests: a throwaway PostgreSQL cluster with one
// database per service and a NATS JetStream server of its own (natsd)
// unless DATABASE_URL / NATS_URL point at existing servers, every service as
// its own process, and the REST edge. Once up, it supervises: a process that exits is restarted
// with backoff and a line saying so, PostgreSQL and NATS are restarted with their data when they
// die (see supervise.go). On SIGINT/SIGTERM it stops everything it started and leaves no
// process, port or temporary cluster behind.
package launcher

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Services in start order: privacy first, since others call it.
var Services = []string{"privacy", "content", "board", "petition", "event", "mileage", "mail"}

// Ports are the well-known local ports, shifted by an offset so tests can
// run a second suite beside a developer's. With Replicas > 1, replica r
// (from 0) of a service listens 10·r above the first one's ports, and the
// edge's replicas on 8081+r behind the public port (replicas.go).
type Ports struct {
	Offset   int
	Replicas int
}

func (p Ports) grpcPort(svc string) int {
	return map[string]int{"content": 9101, "board": 9102, "petition": 9103, "event": 9104,
		"mileage": 9105, "privacy": 9106, "mail": 9107}[svc] + p.Offset
}

// GRPC is the gRPC address of svc.
func (p Ports) GRPC(svc string) string { return addr(p.grpcPort(svc)) }

// Metrics is the /metrics address of svc.
func (p Ports) Metrics(svc string) string { return addr(p.grpcPort(svc) + 90) }

// Edge is the REST edge's address.
func (p Ports) Edge() string { return addr(8080 + p.Offset) }

// Web is the homepage's (web front's) address.
func (p Ports) Web() string { return addr(8090 + p.Offset) }

// Sandbox is the mileage partners' sandbox address.
func (p Ports) Sandbox() string { return addr(9200 + p.Offset) }

// SMTP and MailWeb are Mailpit's SMTP port and its web inbox + API.
func (p Ports) SMTP() int { return 1025 + p.Offset }

// MailWebPort is the port of Mailpit's web inbox and API.
func (p Ports) MailWebPort() int { return 8025 + p.Offset }

// MailWeb is Mailpit's web inbox address.
func (p Ports) MailWeb() string { return addr(p.MailWebPort()) }

// Submission is the mail service's SMTP submission server, where citizens
// send complaints by e-mail (beside Mailpit's ports).
func (p Ports) Submission() string { return p.replicaSubmission(0) }

// replicaSubmission is where replica r of the mail service takes
// submissions; a mail program is pointed at the first.
func (p Ports) replicaSubmission(r int) string { return addr(1587 + 10*r + p.Offset) }

// NATS is the port of the suite's own NATS server (natsd).
func (p Ports) NATS() int { return 4222 + p.Offset }

// Postgres is the throwaway cluster's port.
func (p Ports) Postgres() int { return 15432 + p.Offset }

// addressEnv gives every process the addresses of all services: every
// replica's, so the gRPC clients spread calls over them.
func (p Ports) addressEnv() []string {
	var env []string
	for _, s := range Services {
		env = append(env, fmt.Sprintf("%s_ADDR=%s", upper(s), strings.Join(p.replicaAddrs(s), ",")))
	}
	return env
}

func addr(port int) string { return "127.0.0.1:" + strconv.Itoa(port) }

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// All lists every port the suite listens on.
func (p Ports) All() []string {
	all := []string{p.Edge(), p.Web(), p.Sandbox(), addr(p.NATS()), addr(p.Postgres()), addr(p.SMTP()), p.MailWeb()}
	for r := range p.replicas() {
		if p.replicas() > 1 {
			all = append(all, p.edgeReplica(r))
		}
		all = append(all, p.edgeMetrics(r), p.replicaSubmission(r))
		for _, s := range Services {
			all = append(all, p.ReplicaGRPC(s, r), p.replicaMetrics(s, r))
		}
	}
	return all
}

// CheckFree fails naming the first port something else already holds, so a
// second `make run` says so instead of half-starting.
func (p Ports) CheckFree() error {
	for _, a := range p.All() {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			return fmt.Errorf("port %s is in use (another `make run`? set SEOUL_PORT_OFFSET to shift all ports)", a)
		}
		ln.Close()
	}
	return nil
}

// FreePorts returns the first offset among candidates whose ports are all
// free. Offsets should keep ports below the ephemeral range (32768+), where
// the kernel hands out client ports at random.
func FreePorts(candidates ...int) (Ports, error) { return FreeReplicaPorts(1, candidates...) }

// FreeReplicaPorts is FreePorts for a suite running replicas of each
// service and of the edge.
func FreeReplicaPorts(replicas int, candidates ...int) (Ports, error) {
	for _, off := range candidates {
		if p := (Ports{Offset: off, Replicas: replicas}); p.CheckFree() == nil {
			return p, nil
		}
	}
	return Ports{}, fmt.Errorf("no free port range among offsets %v", candidates)
}
