package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/deploy/local/seed"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestReplicasLoseDoubleAndRepeatNothing (issue 18): two replicas of every
// service and of the edge (behind one port), on one NATS and the same
// databases, as SEOUL_REPLICAS=2 make run starts them. A crowd writes
// through the edge while one replica of each service and of the edge is
// killed in turn (SIGKILL; the supervisor brings it back). Every write
// answered 200 is there exactly once and every consequence once (A6.2,
// A8.1); the scheduled jobs, which run in both replicas, did each thing
// once: stale content announced once per item, overdue complaints once per
// complaint, expired points once per lot, ended events closed once; and
// the outbox relays published each event once.
func TestReplicasLoseDoubleAndRepeatNothing(t *testing.T) {
	s := startReplicas(t)
	jobs := plantJobs(t, s)
	b := newBurst(t, s, "replicas", 24)
	b.run(t, func() { killEachReplicaInTurn(t, s, b) })
	s.http.CloseIdleConnections() // some led to an edge replica that was killed
	b.verify(t)
	jobs.verify(t)
	requireEachEventRelayedOnce(t, s)
}

// startReplicas starts a second suite with two replicas of everything, its
// jobs on short intervals, seeded like make run, and stops it at the end.
func startReplicas(t testing.TB) *Suite {
	t.Helper()
	ports, err := launcher.FreeReplicaPorts(2, 17000, 16000, 15000, 14000, 13000, 12000, 11000, 10000)
	require.NoError(t, err)
	logPath := filepath.Join(shared.BinDir, "replicas.log")
	logs, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	l, err := launcher.Start(ctx, launcher.Config{BinDir: shared.BinDir, Ports: ports, Out: logs,
		EdgeEnv: []string{"RATE_LIMIT_RPS=1000000", "RATE_LIMIT_BURST=1000000",
			"RATE_LIMIT_ADDRESS_RPS=1000000", "RATE_LIMIT_ADDRESS_BURST=1000000"},
		ServiceEnv: map[string][]string{
			"content":  {"CONTENT_STALE_SCAN_INTERVAL=1s"},
			"petition": {"PETITION_DUE_SCAN_INTERVAL=1s"},
			"event":    {"EVENT_CLOSE_INTERVAL=1s"},
			"mileage":  {"MILEAGE_HOLD_TIMEOUT=15s", "MILEAGE_JOB_INTERVAL=1s"}},
		PostgresNoFsync: true})
	require.NoError(t, err)
	t.Cleanup(func() {
		l.Stop()
		logs.Close()
		if t.Failed() {
			printTail(logPath, 200)
		}
		require.NoError(t, ports.CheckFree(), "every replica and the edge proxy stopped")
	})
	s := &Suite{BaseURL: l.EdgeURL(), Launch: l, LogPath: logPath, http: &http.Client{Timeout: 30 * time.Second},
		NATSURL: fmt.Sprintf("nats://127.0.0.1:%d", ports.NATS())}
	client := &seed.Client{BaseURL: l.EdgeURL(), Issuer: l.Issuer(), HTTP: s.http}
	require.NoError(t, seed.Run(ctx, client, func(string, ...any) {}))
	return s
}

// killEachReplicaInTurn kills the second replica of every service and of
// the edge, one after the other, each once the crowd has written on with it
// gone and it is back.
func killEachReplicaInTurn(t *testing.T, s *Suite, b *burst) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for _, name := range append(append([]string{}, launcher.Services...), "gateway") {
		replica := launcher.ReplicaName(name, 1)
		before := b.answered()
		require.NoError(t, s.Launch.CrashService(replica))
		servicetest.EventuallyWithin(t, 2*time.Minute, b.progress("the crowd writing on without "+replica),
			func() bool { return b.answered() >= min(before+2, 3*len(b.citizens)) })
		if name == "gateway" {
			require.NoError(t, s.Launch.WaitEdgeReplica(ctx, 1))
		} else {
			require.NoError(t, s.Launch.WaitServing(ctx, replica))
		}
	}
}

// jobWork is work planted for the scheduled jobs: rows they must act on
// once each.
type jobWork struct {
	s                            *Suite
	items, events, complaints    []string
	lots                         int
	staleBefore, closedBefore    uint64
	overdueBefore, expiredBefore uint64
}

// plantJobs makes the seeded items due for review, the seeded events'
// entry periods over, a citizen's complaints overdue and another's points
// expired, so that both replicas' jobs find them while the crowd writes.
func plantJobs(t *testing.T, s *Suite) *jobWork {
	t.Helper()
	w := &jobWork{s: s}
	w.staleBefore = subjectCount(t, s, "CONTENT", "seoul.content.item.stale")
	w.closedBefore = subjectCount(t, s, "EVENT", "seoul.event.participation.closed")
	w.overdueBefore = subjectCount(t, s, "PETITION", "seoul.petition.complaint.overdue")
	w.expiredBefore = subjectCount(t, s, "MILEAGE", "seoul.mileage.points.expired")
	complainant := s.Client(t, identity.Claims{Subject: "replicas-complainant", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	for i := range 3 {
		r := complainant.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": fmt.Sprint("replicas-overdue-", i),
			"complaint_type": "inquiry_procedure", "title": fmt.Sprint("기한 경과 민원 ", i), "body": "버스 정류장 안내판이 꺼져 있습니다.",
			"contact": map[string]string{"name": "문민원", "phone": "010-1357-8642"}})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var out struct {
			Complaint complaintLine `json:"complaint"`
		}
		r.JSON(t, &out)
		w.complaints = append(w.complaints, out.Complaint.ID)
	}
	official := s.Client(t, identity.Claims{Subject: "replicas-mileage", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	for i := range 2 {
		r := official.Do(t, "POST", "/v1/mileage/accounts/replicas-expiring/grants",
			map[string]any{"points": 300, "reason": "만료 검증 적립", "request_id": fmt.Sprint("replicas-expiring-", i)})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	}
	w.items = dbRows(t, s, "content", `UPDATE items SET next_review_due = now() - interval '1 hour'
		WHERE status = 'published' AND stale_announced_at IS NULL RETURNING id::text`)
	w.events = shortEvents(t, s, 2)
	require.Len(t, dbRows(t, s, "petition", `UPDATE complaints SET warn_at = now() - interval '2 hours',
		due_at = now() - interval '1 hour' WHERE id = ANY($1) RETURNING id::text`, w.complaints), len(w.complaints))
	w.lots = len(dbRows(t, s, "mileage", `UPDATE lots SET expires_at = now() - interval '1 minute'
		WHERE subject_id = 'replicas-expiring' AND remaining > 0 RETURNING id::text`))
	require.NotEmpty(t, w.items)
	require.NotEmpty(t, w.events)
	require.Equal(t, 2, w.lots)
	return w
}

// shortEvents announces and opens n participation events whose entry
// period ends a few seconds from now, for the replicas' closers to close.
func shortEvents(t *testing.T, s *Suite, n int) []string {
	t.Helper()
	official := s.Client(t, identity.Claims{Subject: "replicas-culture", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CULTURE"})
	text := func(ko string) map[string]string { return map[string]string{"ko": ko} }
	var ids []string
	for i := range n {
		starts := time.Now().Add(2 * time.Second).Truncate(time.Second).UTC()
		ends := starts.Add(3 * time.Second)
		draft := map[string]any{"purpose": "PURPOSE_CULTURAL_EVENT", "title": text(fmt.Sprint("복제본 마감 검증 ", i)),
			"description": text("마감 작업이 한 번만 실행되는지 확인합니다."), "department_code": "SMG-CULTURE",
			"entry_start_time": starts.Format(time.RFC3339), "entry_end_time": ends.Format(time.RFC3339),
			"eligibility": map[string]any{"description": text("서울 시민")},
			"operating_details": map[string]any{"draw_time": ends.Add(time.Hour).Format(time.RFC3339),
				"winners_announce_time": ends.Add(2 * time.Hour).Format(time.RFC3339), "delivery_method": text("문자 발송"), "contact": "다산콜센터 120"},
			"budget_year": starts.Year(), "budget": 100_000,
			"prizes": []map[string]any{{"id": "gift", "kind": "PRIZE_KIND_GIFT_CERTIFICATE", "name": text("상품권"), "unit_value": 10_000, "count": 5}},
			// A7: the announcement names the public randomness the draw will use.
			"draw_sources": []map[string]any{{"id": "lotto", "kind": "DRAW_SOURCE_KIND_LOTTERY", "name": text("연금복권720+ 복제본 회차"),
				"reference": "https://dhlottery.co.kr/", "round": "replicas", "available_time": ends.Format(time.RFC3339)}}}
		r := official.Do(t, "POST", "/v1/participation-events", map[string]any{"request_id": fmt.Sprint("replicas-close-", i), "draft": draft})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var out seedEventLine
		r.JSON(t, &out)
		for _, step := range []string{":announce", ":open"} {
			r := official.Do(t, "POST", "/v1/participation-events/"+out.ID+step, map[string]any{})
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		}
		ids = append(ids, out.ID)
	}
	return ids
}

// seedEventLine is a created participation event (a create answers the
// event itself).
type seedEventLine struct {
	ID string `json:"id"`
}

// verify checks, once nothing is in flight, that each planted thing was
// done and announced exactly once, though two replicas ran each job.
func (w *jobWork) verify(t *testing.T) {
	t.Helper()
	s := w.s
	require.Len(t, dbRows(t, s, "content", `SELECT id::text FROM items WHERE id = ANY($1) AND stale_announced_at IS NOT NULL`, w.items), len(w.items))
	require.Len(t, dbRows(t, s, "event", `SELECT id::text FROM participation_events WHERE id = ANY($1) AND status = 'closed'`, w.events), len(w.events))
	require.Len(t, dbRows(t, s, "petition", `SELECT id::text FROM complaints WHERE id = ANY($1) AND overdue_announced_at IS NOT NULL`, w.complaints), len(w.complaints))
	require.Empty(t, dbRows(t, s, "mileage", `SELECT id::text FROM lots WHERE subject_id = 'replicas-expiring' AND remaining > 0`))
	require.EqualValues(t, len(w.items), subjectCount(t, s, "CONTENT", "seoul.content.item.stale")-w.staleBefore, "stale once per item")
	require.EqualValues(t, len(w.events), subjectCount(t, s, "EVENT", "seoul.event.participation.closed")-w.closedBefore, "closed once per event")
	require.EqualValues(t, len(w.complaints), subjectCount(t, s, "PETITION", "seoul.petition.complaint.overdue")-w.overdueBefore, "overdue once per complaint")
	require.EqualValues(t, w.lots, subjectCount(t, s, "MILEAGE", "seoul.mileage.points.expired")-w.expiredBefore, "expired once per lot")
}

// requireEachEventRelayedOnce: every event a service's outbox holds (the
// suite is fresh: nothing was purged) is in its stream once, and the
// stream holds nothing else.
func requireEachEventRelayedOnce(t *testing.T, s *Suite) {
	t.Helper()
	for _, svc := range launcher.Services {
		rows := dbRows(t, s, svc, `SELECT id::text FROM outbox`)
		require.EqualValues(t, len(rows), streamCount(t, s, svc), "%s: every outbox event in the stream once", svc)
	}
}

// dbRows runs sql on svc's database and returns the first column of every row.
func dbRows(t *testing.T, s *Suite, svc, sql string, args ...any) []string {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), s.Launch.DatabaseURL(svc))
	require.NoError(t, err)
	defer conn.Close(context.Background())
	rows, err := conn.Query(t.Context(), sql, args...)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return out
}

func stream(t *testing.T, s *Suite, name string) jetstream.Stream {
	t.Helper()
	nc, err := nats.Connect(s.NATSURL)
	require.NoError(t, err)
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	require.NoError(t, err)
	st, err := js.Stream(t.Context(), name)
	require.NoError(t, err)
	return st
}

// subjectCount is how many messages stream holds on subject.
func subjectCount(t *testing.T, s *Suite, name, subject string) uint64 {
	t.Helper()
	info, err := stream(t, s, name).Info(t.Context(), jetstream.WithSubjectFilter(subject))
	require.NoError(t, err)
	return info.State.Subjects[subject]
}

// streamCount is how many messages the stream of svc holds.
func streamCount(t *testing.T, s *Suite, svc string) uint64 {
	t.Helper()
	info, err := stream(t, s, messaging.StreamName(svc)).Info(t.Context())
	require.NoError(t, err)
	return info.State.Msgs
}
