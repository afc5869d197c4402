package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// Chaos tests: the infrastructure breaks under a burst of complaints,
// posts and redemptions through the edge, and afterwards every write
// answered 200 is there exactly once (issue 22). The launcher's supervisor
// brings back what crashed, as under `make run`.

// A6.2, A8.1: PostgreSQL crashes (pg_ctl stop -m immediate) in the middle
// of the burst and the supervisor restarts it with crash recovery. No
// acknowledged complaint, post or redemption is lost (commits are durable
// before they are acknowledged), no receipt number is given twice, no
// award exists without its post, and retries with the same request id
// never create twice.
func TestChaosDatabaseCrashMidBurst(t *testing.T) {
	s := suite(t)
	b := newBurst(t, s, "e2e-chaos-pgcrash", 12)
	b.runCrashing(t, s.Launch.CrashPostgres)
	requireLogged(t, s, "launcher | postgres restarted")
	b.verify(t)
}

// A8.1: NATS is killed with SIGKILL mid-burst and brought back by the
// supervisor from its store; events waiting in outboxes and in flight are
// delivered once.
func TestChaosNATSKilledMidBurst(t *testing.T) {
	s := suite(t)
	b := newBurst(t, s, "e2e-chaos-natskill", 12)
	b.runCrashing(t, s.Launch.CrashNATS)
	requireLogged(t, s, "launcher | nats restarted")
	b.verify(t)
}

// A6.2, A8.1, A10.1: the privacy vault and the mileage service are killed
// with SIGKILL mid-burst; the supervisor restarts them (and says so), the
// calls that needed them were answered 503 and retried, and nothing is
// lost or doubled.
func TestChaosServicesKilledMidBurst(t *testing.T) {
	s := suite(t)
	b := newBurst(t, s, "e2e-chaos-svckill", 12)
	b.runCrashing(t, func() error {
		return errors.Join(s.Launch.CrashService("privacy"), s.Launch.CrashService("mileage"))
	})
	for _, svc := range []string{"privacy", "mileage"} {
		requireLogged(t, s, "launcher | "+svc+" exited (signal: killed); restarting it in")
		requireLogged(t, s, "launcher | "+svc+" restarted (pid ")
	}
	b.verify(t)
}

// A5, A8.1: a service started while NATS is down stays up and says it is
// not ready (it used to exit on its stream); it takes posts meanwhile, and
// once NATS is back it publishes them and every author earns once.
func TestChaosServiceStartsWhileNATSIsDown(t *testing.T) {
	s := suite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	b := newBurst(t, s, "e2e-chaos-natsdown", 8)
	require.NoError(t, s.Launch.KillNATS())
	require.NoError(t, s.Launch.KillService("board"))
	require.NoError(t, s.Launch.StartServiceNoWait("board"))
	waitUpstream(t, s, "board", "NOT_SERVING")
	b.run(t, func() { require.NoError(t, s.Launch.StartNATS()) })
	require.NoError(t, s.Launch.WaitServing(ctx, "board"))
	b.verify(t)
}

// A6.2, A8.1: the database is down for a whole minute under the burst —
// longer than the consumers' old retry budget, which dead-lettered every
// event in flight. Meanwhile the edge answers 503 with Retry-After (never
// 500) and no service exits; afterwards everything acknowledged is there
// once and nothing was dead-lettered.
func TestChaosDatabaseOutageOfAMinute(t *testing.T) {
	s := suite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	b := newBurst(t, s, "e2e-chaos-pgdown", 8)
	pids := servicePIDs(t, s)
	b.run(t, func() {
		require.NoError(t, s.Launch.StopPostgres())
		r := b.citizens[0].Do(t, "GET", "/v1/mileage/accounts/me", nil)
		require.Equal(t, http.StatusServiceUnavailable, r.Status, string(r.Body))
		require.Equal(t, "2", r.Header.Get("Retry-After"))
		time.Sleep(time.Minute) // the outage itself: its length is the scenario
		require.NoError(t, s.Launch.StartPostgres(ctx))
	})
	require.Positive(t, b.unavailable, "writes during the outage were answered 503")
	require.Equal(t, pids, servicePIDs(t, s), "no service exited during the outage")
	b.verify(t)
}

// servicePIDs maps each service to its process id.
func servicePIDs(t *testing.T, s *Suite) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, svc := range launcher.Services {
		pid, err := s.Launch.ServicePID(svc)
		require.NoError(t, err)
		out[svc] = pid
	}
	return out
}

// waitUpstream waits until the edge's /readyz reports service in state.
func waitUpstream(t *testing.T, s *Suite, service, state string) {
	t.Helper()
	var last []byte
	servicetest.EventuallyWithin(t, 60*time.Second,
		servicetest.Detail(func() string { return fmt.Sprintf("%s %s at the edge: %s", service, state, last) }),
		func() bool {
			var ready struct {
				Services map[string]string `json:"services"`
			}
			r := s.Public().Do(t, "GET", "/readyz", nil)
			r.JSON(t, &ready)
			last = r.Body
			return ready.Services[service] == state
		})
}

// logHas tells whether the suite's log holds line.
func logHas(s *Suite, line string) bool {
	b, err := os.ReadFile(s.LogPath)
	return err == nil && strings.Contains(string(b), line)
}
