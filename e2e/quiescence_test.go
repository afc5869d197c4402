package e2e

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// waitQuiescent waits until no event of the suite is still on its way:
// every service's outbox has published everything it holds, and every
// consumer of every stream has nothing left to deliver (NumPending 0) and
// nothing delivered but unacknowledged (NumAckPending 0). An event handed
// to a consumer that was then killed stays unacknowledged until the
// consumer's AckWait (30 s) runs out and is redelivered only then, so a
// fixed sleep cannot show that no duplicate is still coming; this can. The
// state must hold for several looks in a row (a redelivery or a relay may
// be between two steps).
func waitQuiescent(t *testing.T, s *Suite) {
	t.Helper()
	nc, err := nats.Connect(s.NATSURL, nats.MaxReconnects(-1), nats.ReconnectWait(100*time.Millisecond))
	require.NoError(t, err)
	defer nc.Close()
	js, err := jetstream.New(nc)
	require.NoError(t, err)

	var (
		busy     []string
		quiet    int
		lastLook time.Time
	)
	servicetest.EventuallyWithin(t, 3*time.Minute, servicetest.Detail(func() string {
		return "no event in flight; still in flight: " + strings.Join(busy, "; ")
	}), func() bool {
		// Looks half a second apart, so five quiet ones in a row span a
		// redelivery or a relay round that was between two steps.
		if time.Since(lastLook) < 500*time.Millisecond {
			return false
		}
		lastLook = time.Now()
		found, err := eventsInFlight(t, s, js)
		switch {
		case err != nil:
			quiet, busy = 0, []string{err.Error()}
		case len(found) == 0:
			quiet++
		default:
			quiet, busy = 0, found
		}
		return quiet >= 5
	})
}

// eventsInFlight lists what is still on its way: unpublished outbox rows
// per service and consumers with pending or unacknowledged messages.
func eventsInFlight(t *testing.T, s *Suite, js jetstream.JetStream) ([]string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var busy []string
	for _, svc := range launcher.Services {
		n, err := unsentOutbox(ctx, s.Launch.DatabaseURL(svc))
		if err != nil {
			return nil, fmt.Errorf("%s outbox: %w", svc, err)
		}
		if n > 0 {
			busy = append(busy, fmt.Sprintf("%s outbox: %d unsent", svc, n))
		}
	}
	streams := js.StreamNames(ctx)
	var names []string
	for name := range streams.Name() {
		names = append(names, name)
	}
	if err := streams.Err(); err != nil {
		return nil, fmt.Errorf("listing streams: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no stream found")
	}
	sort.Strings(names)
	consumers := 0
	for _, name := range names {
		stream, err := js.Stream(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("stream %s: %w", name, err)
		}
		list := stream.ListConsumers(ctx)
		for ci := range list.Info() {
			consumers++
			if ci.NumPending > 0 || ci.NumAckPending > 0 {
				busy = append(busy, fmt.Sprintf("%s/%s: %d pending, %d unacknowledged",
					name, ci.Name, ci.NumPending, ci.NumAckPending))
			}
		}
		if err := list.Err(); err != nil {
			return nil, fmt.Errorf("consumers of %s: %w", name, err)
		}
	}
	if consumers == 0 {
		return nil, fmt.Errorf("no consumer found on %d streams", len(names))
	}
	return busy, nil
}

// unsentOutbox counts a service's events not yet published to NATS.
func unsentOutbox(ctx context.Context, dbURL string) (int, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE sent_at IS NULL`).Scan(&n)
	return n, err
}

// historyLine is one line of a citizen's mileage statement.
type historyLine struct {
	Kind      string `json:"kind"`
	Points    reqInt `json:"points"`
	Memo      string `json:"memo"`
	Reference string `json:"reference"`
}

// mileageHistory reads every line of c's own statement, page by page.
func mileageHistory(t *testing.T, c *Client) []historyLine {
	t.Helper()
	// The mileage service may just have been restarted: 503 means retry.
	get := func(p string) *Response { return eventually200(t, func() *Response { return c.Do(t, "GET", p, nil) }) }
	return allPages[historyLine](t, get, "/v1/mileage/accounts/me/history?page_size=100", "history_lines")
}

// earnedLines keeps the "earned" lines of a statement whose memo names
// action (the mileage service writes "<action> <source>").
func earnedLines(lines []historyLine, action string) []historyLine {
	var out []historyLine
	for _, l := range lines {
		if l.Kind == "earned" && strings.HasPrefix(l.Memo, action+" ") {
			out = append(out, l)
		}
	}
	return out
}

// requireOneEarned checks that c's statement has exactly one earned line
// for action, worth points.
func requireOneEarned(t *testing.T, c *Client, action string, points int64, who string) {
	t.Helper()
	lines := earnedLines(mileageHistory(t, c), action)
	require.Len(t, lines, 1, "%s: exactly one %s line on the statement: %+v", who, action, lines)
	require.EqualValues(t, points, lines[0].Points, "%s: %+v", who, lines[0])
}
