package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// burst is a crowd of citizens writing through the edge while a test
// breaks the infrastructure under them: each files a complaint, posts on a
// board and redeems points. Like a real client, each repeats a write with
// the same request id until it is answered 200 (503 means "retry later"),
// and every 200 is recorded, so verify can check that what was
// acknowledged is there exactly once (A6.2, A8.1).
type burst struct {
	s        *Suite
	tag      string
	boardID  string
	admin    *Client
	official *Client
	citizens []*Client
	// deadBefore is each service's number of dead letters before the burst.
	deadBefore map[string]int

	writers *sync.WaitGroup
	// crash, if set, strikes right after the crashAt-th answer (runCrashing).
	crash   func() error
	crashAt int

	mu          sync.Mutex
	crashed     bool
	acked       []ackedWrite
	failures    []string
	unavailable int // answers 503, every one with Retry-After
}

// ackedWrite is one write answered 200 and what the answer said.
type ackedWrite struct {
	kind    string // complaint, post, redemption
	citizen int
	key     string // request id or idempotency key
	id      string
	receipt string // complaints: the receipt number given
	status  string // redemptions: held, confirmed or voided
}

// Points of the burst: each citizen is granted grantPoints, earns
// postPoints for the post and redeems redeemPoints (transit top-up).
const (
	grantPoints  = 1500
	postPoints   = 100
	redeemPoints = 1000
)

func newBurst(t *testing.T, s *Suite, tag string, n int) *burst {
	t.Helper()
	b := &burst{s: s, tag: tag,
		admin:    s.Client(t, identity.Claims{Subject: tag + "-admin", Roles: []identity.Role{identity.RoleAdmin}}),
		official: s.Client(t, identity.Claims{Subject: tag + "-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})}
	b.boardID = createBoard(t, b.admin, map[string]any{"name": "e2e 장애 " + tag, "purpose": "장애 중 쓰기 검증", "request_id": tag + "-board"})
	for i := range n {
		sub := b.subject(i)
		b.citizens = append(b.citizens, s.Client(t, identity.Claims{Subject: sub, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true}))
		r := b.official.Do(t, "POST", "/v1/mileage/accounts/"+sub+"/grants",
			map[string]any{"points": grantPoints, "reason": "e2e 장애 검증 적립", "request_id": tag + fmt.Sprint("-grant-", i)})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	}
	b.deadBefore = deadLetters(t, s, b.admin)
	return b
}

func (b *burst) subject(i int) string { return fmt.Sprintf("%s-citizen-%02d", b.tag, i) }

// run starts the writers, calls fault (on the test's goroutine) once a
// third of the writes are answered, and waits for every write to be.
func (b *burst) run(t *testing.T, fault func()) {
	t.Helper()
	b.start()
	servicetest.EventuallyWithin(t, 2*time.Minute, b.progress("a third of the burst's writes answered"),
		func() bool { return b.answered() >= len(b.citizens) })
	fault()
	b.finish(t)
}

// runCrashing is run with a crash that strikes right after the write that
// completes the first third is answered: whatever the server acknowledged
// last before dying must be kept (a commit acknowledged before its WAL is
// on disk would be lost here).
func (b *burst) runCrashing(t *testing.T, crash func() error) {
	t.Helper()
	b.crashAt, b.crash = len(b.citizens), crash
	b.start()
	b.finish(t)
	require.True(t, b.crashed, "the crash struck")
}

func (b *burst) start() {
	const writers = 4
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := w; i < len(b.citizens); i += writers {
				b.writeAll(i)
			}
		})
	}
	b.writers = &wg
}

func (b *burst) finish(t *testing.T) {
	t.Helper()
	b.writers.Wait()
	require.Empty(t, b.failures, "every write is answered 200 in the end, none 500")
	require.Len(t, b.acked, 3*len(b.citizens))
}

// progress describes a wait on the writers for its failure message: how
// far they got and what failed on the way.
func (b *burst) progress(what string) servicetest.Detail {
	return func() string {
		b.mu.Lock()
		defer b.mu.Unlock()
		return fmt.Sprintf("%s (%d of %d answered; failures: %v)", what, len(b.acked), 3*len(b.citizens), b.failures)
	}
}

func (b *burst) answered() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.acked)
}

// writeAll makes citizen i's three writes.
func (b *burst) writeAll(i int) {
	key := func(kind string) string { return fmt.Sprintf("%s-%s-%02d", b.tag, kind, i) }
	b.write(i, "complaint", key("complaint"), "/v1/complaints", map[string]any{"request_id": key("complaint"),
		"complaint_type": "inquiry_procedure", "title": fmt.Sprintf("장애 중 접수 %d", i),
		"body": fmt.Sprintf("%d번 정류장 안내판이 꺼져 있습니다.", 300+i), "contact": map[string]string{"name": "문민원", "phone": "010-1357-8642"}})
	b.write(i, "post", key("post"), "/v1/boards/"+b.boardID+"/posts", map[string]any{"request_id": key("post"),
		"title": fmt.Sprintf("장애 중 제안 %d", i), "body": fmt.Sprintf("%d번 버스 정류장에 그늘막을 설치해 주세요.", 700+i)})
	b.write(i, "redemption", key("redeem"), "/v1/mileage/redemptions", map[string]any{"idempotency_key": key("redeem"),
		"item_id": "transit-topup", "points": redeemPoints, "transit_card_number": "1234-5678-9012-3456"})
}

// write repeats one write until it is answered 200, as a client would: a
// 503 (with Retry-After), a 504, an aborted transaction or a dropped
// connection mean "try again"; anything else is a failure. It is the
// client's own retry, not a test's wait: it runs on the writers' goroutines,
// where a test may not be failed (servicetest.EventuallyWithin would), so it
// records what went wrong for finish to report.
func (b *burst) write(i int, kind, key, path string, body map[string]any) {
	deadline := time.Now().Add(4 * time.Minute)
	last := ""
	for time.Now().Before(deadline) {
		r, err := b.citizens[i].Try("POST", path, body)
		switch {
		case err != nil:
			last = err.Error()
		case r.Status == http.StatusOK:
			b.ack(kind, i, key, r)
			return
		case r.Status == http.StatusServiceUnavailable:
			b.sawUnavailable(kind, key, r)
			last = string(r.Body)
		case r.Status == http.StatusGatewayTimeout || strings.Contains(string(r.Body), `"ABORTED"`):
			last = string(r.Body)
		default:
			b.fail("%s %s answered %d: %s", kind, key, r.Status, r.Body)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	b.fail("%s %s never answered 200; last: %s", kind, key, last)
}

func (b *burst) ack(kind string, i int, key string, r *Response) {
	// Filing and redeeming answer {"complaint"|"redemption": ...}; a
	// create answers the post itself.
	var out struct {
		Complaint  complaintLine  `json:"complaint"`
		ID         string         `json:"id"`
		Redemption redemptionLine `json:"redemption"`
	}
	w := ackedWrite{kind: kind, citizen: i, key: key}
	if err := json.Unmarshal(r.Body, &out); err != nil {
		b.fail("%s %s: %v", kind, key, err)
		return
	}
	switch kind {
	case "complaint":
		w.id, w.receipt = out.Complaint.ID, out.Complaint.Receipt
	case "post":
		w.id = out.ID
	case "redemption":
		w.id, w.status = out.Redemption.ID, out.Redemption.Status
	}
	b.mu.Lock()
	b.acked = append(b.acked, w)
	strike := b.crash != nil && len(b.acked) == b.crashAt
	b.crashed = b.crashed || strike
	b.mu.Unlock()
	if strike {
		if err := b.crash(); err != nil {
			b.fail("crash: %v", err)
		}
	}
}

func (b *burst) sawUnavailable(kind, key string, r *Response) {
	if r.Header.Get("Retry-After") == "" {
		b.fail("%s %s: 503 without Retry-After", kind, key)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.unavailable++
}

func (b *burst) fail(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures = append(b.failures, fmt.Sprintf(format, args...))
}

// deadLetters counts each service's dead letters, through the edge.
func deadLetters(t *testing.T, s *Suite, admin *Client) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, svc := range launcher.Services {
		out[svc] = len(allPages[struct{}](t, readAs(t, admin), "/v1/services/"+svc+"/dead-letters?page_size=200", "dead_letters"))
	}
	return out
}
