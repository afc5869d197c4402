package server_test

import (
	"context"
	"errors"
	"net"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/mileage/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/mileage/sandbox"
	"github.com/seoul-gov/homepage/services/mileage/server"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// clock is a movable test clock, safe for the service's goroutines.
type clock struct{ offset atomic.Int64 }

func (c *clock) Now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// Set moves the clock to at (it keeps running from there), so a scenario
// can start on a fixed date instead of today.
func (c *clock) Set(at time.Time) { c.offset.Store(int64(time.Until(at))) }

// kst is Seoul time, in which budget years and days are counted.
var kst = time.FixedZone("KST", 9*60*60)

// suite is a mileage service with a real privacy service, a sandbox
// partner behind a real HTTP server, and a movable clock.
type suite struct {
	*servicetest.Env
	priv    *servicetest.Env
	api     mileagev1.MileageServiceClient
	partner *sandbox.Sandbox
	clock   *clock
	cfg     *server.Config
}

type option func(*server.Config)

// partnerClient registers the redemption partner with the privacy service:
// it may reveal card and account numbers for a redemption on hold.
const partnerClient = `{"clients":[{"id":"mileage-partner","methods":["/seoul.privacy.v1.PrivacyService/RevealPersonalData"],
  "reveal":{"redemption":["transit_card_number","account_number"]}}]}`

func start(t testing.TB, opts ...option) *suite {
	t.Helper()
	return startAt(t, time.Time{}, opts...)
}

// startAt starts the service with its clock already at at (the wall clock
// when zero). A test that moves the clock back must do it here, before the
// jobs run: a job run that read "now" before a later Set would still
// expire lots against that later time (a race only tests can cause, since
// real time never goes back months).
func startAt(t testing.TB, at time.Time, opts ...option) *suite {
	t.Helper()
	priv := servicetest.Start(t, privacyserver.SpecWith(privacyserver.TestConfig()), servicetest.WithClients(partnerClient))
	sb := sandbox.New()
	hs := httptest.NewServer(sb)
	t.Cleanup(hs.Close)
	clk := &clock{}
	if !at.IsZero() {
		clk.Set(at)
	}
	cfg := server.TestConfig()
	cfg.PrivacyAddr, cfg.PartnerURL, cfg.HoldTimeout, cfg.PartnerTimeout = priv.Addr, hs.URL, time.Minute, 5*time.Second
	cfg.JobInterval, cfg.ConsumerAckWait, cfg.Clock = 50*time.Millisecond, 2*time.Second, clk.Now
	for _, o := range opts {
		o(cfg)
	}
	env := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv))
	s := &suite{Env: env, priv: priv, api: mileagev1.NewMileageServiceClient(env.Conn), partner: sb, clock: clk, cfg: cfg}
	// The ledger's invariants are checked after every scenario.
	t.Cleanup(func() { requireInvariants(t, s) })
	return s
}

func requireInvariants(t testing.TB, s *suite) {
	t.Helper()
	require.NoError(t, postgres.CheckInvariants(context.Background(), s.Pool), "ledger invariants")
}

func (s *suite) citizen(t testing.TB, sub string) context.Context {
	return s.As(t, servicetest.Citizen(sub))
}

func (s *suite) official(t testing.TB) context.Context {
	return s.As(t, servicetest.Official("o-1", "SMG-CIVIL"))
}

func (s *suite) admin(t testing.TB) context.Context { return s.As(t, servicetest.Admin("a-1")) }

// grant credits points through the official's manual grant.
func (s *suite) grant(t testing.TB, sub string, points int64, requestID string) *mileagev1.Award {
	t.Helper()
	r, err := s.api.GrantPoints(s.official(t), &mileagev1.GrantPointsRequest{SubjectId: sub, Points: points,
		Reason: "test grant", RequestId: requestID})
	require.NoError(t, err)
	return r.GetAward()
}

func (s *suite) account(t testing.TB, sub string) *mileagev1.Account {
	t.Helper()
	r, err := s.api.GetAccount(s.admin(t), &mileagev1.GetAccountRequest{SubjectId: sub})
	require.NoError(t, err)
	return r
}

func (s *suite) balance(t testing.TB, sub string) int64 { return s.account(t, sub).GetBalance() }

// waitBalance waits until sub's balance is want.
func (s *suite) waitBalance(t testing.TB, sub string, want int64) {
	t.Helper()
	servicetest.Eventually(t, "balance of "+sub, func() bool { return s.balance(t, sub) == want })
}

func (s *suite) count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, s.Pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// waitConsumed waits until the service's durable consumer has been
// delivered, and has acknowledged, every message of the producer's stream
// (copies published with PublishDuplicate included), then asserts that
// none of them was dead-lettered: every delivery was handled.
func (s *suite) waitConsumed(t testing.TB, producer, consumer string) {
	t.Helper()
	ctx := context.Background()
	stream := messaging.StreamName(producer)
	servicetest.Eventually(t, "mileage-"+consumer+" consumed "+stream, func() bool {
		c, err := s.JS.Consumer(ctx, stream, "mileage-"+consumer)
		if err != nil {
			return false
		}
		ci, err := c.Info(ctx)
		if err != nil || ci.NumPending != 0 || ci.NumAckPending != 0 {
			return false
		}
		st, err := s.JS.Stream(ctx, stream)
		if err != nil {
			return false
		}
		// The last message of the stream the consumer takes must be acked.
		for _, subj := range append(ci.Config.FilterSubjects, ci.Config.FilterSubject) {
			if subj == "" {
				continue
			}
			last, err := st.GetLastMsgForSubject(ctx, subj)
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				continue
			}
			if err != nil || ci.AckFloor.Stream < last.Sequence {
				return false
			}
		}
		return true
	})
	dlq, err := s.JS.Stream(ctx, messaging.StreamName("mileage")+"_DLQ")
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return
	}
	require.NoError(t, err)
	_, err = dlq.GetLastMsgForSubject(ctx, messaging.DeadLetterSubject("mileage", consumer))
	require.ErrorIs(t, err, jetstream.ErrMsgNotFound, "an event of %s was dead-lettered", consumer)
}

func transit(key string, points int64) *mileagev1.RedeemRequest {
	return &mileagev1.RedeemRequest{IdempotencyKey: key, ItemId: "transit-topup", Points: points,
		TransitCardNumber: "1234-5678-9012-3456"}
}

// serveOnSameDatabase starts another instance of the service on an
// existing database (servicetest.Start always clones a fresh one), as a
// restarted process would. It returns a stop function.
func serveOnSameDatabase(t *testing.T, s *suite) func() {
	t.Helper()
	grpcLn, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	metricsLn, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	cfg := service.Config{
		Log:      config.Log{Format: "text", Level: "error"},
		Server:   config.Server{ShutdownTimeout: 5 * time.Second},
		Postgres: config.Postgres{URL: s.DBURL, MaxConns: 10},
		NATS:     config.NATS{URL: s.NATS.URL(), StreamReplicas: 1},
		Auth:     config.Auth{Issuer: servicetest.TestIssuer, Audience: servicetest.TestAudience, JWKSFile: s.JWKSFile},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- service.ServeOn(ctx, server.SpecWith(s.cfg), cfg, grpcLn, metricsLn) }()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
	}
	t.Cleanup(stop)
	conn, err := grpc.NewClient(grpcLn.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	servicetest.WaitServing(t, conn, done)
	s.api = mileagev1.NewMileageServiceClient(conn)
	return stop
}
