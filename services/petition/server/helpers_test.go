package server_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/events"
	"github.com/seoul-gov/homepage/services/petition/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/petition/server"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// fixture is a real petition service with a real privacy service.
type fixture struct {
	env  *servicetest.Env
	priv *servicetest.Env
	api  petitionv1.PetitionServiceClient
}

func start(t testing.TB, opts ...servicetest.Option) fixture {
	t.Helper()
	return startWith(t, nil, opts...)
}

// startAt starts the service on a fake clock set to now, which the test
// moves instead of sleeping or rewriting rows.
func startAt(t testing.TB, now time.Time, opts ...servicetest.Option) (fixture, *clock.Fake) {
	t.Helper()
	fake := clock.NewFake(now)
	return startWith(t, fake.Now, opts...), fake
}

func startWith(t testing.TB, now clock.Clock, opts ...servicetest.Option) fixture {
	t.Helper()
	priv := servicetest.Start(t, privacyserver.SpecWith(privacyserver.TestConfig()), opts...)
	cfg := server.TestConfig()
	cfg.PrivacyAddr, cfg.Clock = priv.Addr, now
	env := servicetest.Start(t, server.SpecWith(cfg),
		append(opts, servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv))...)
	return fixture{env: env, priv: priv, api: petitionv1.NewPetitionServiceClient(env.Conn)}
}

func (f fixture) as(t testing.TB, c identity.Claims) context.Context { return f.env.As(t, c) }

// Identities used across the tests. SMG-CIVIL is the Mayor's office.
var (
	citizen     = servicetest.Citizen("citizen-1")
	otherPerson = servicetest.Citizen("citizen-2")
	mayorOffice = servicetest.Official("civil-1", "SMG-CIVIL")
	transport   = servicetest.Official("transport-1", "SMG-TRANSPORT")
	welfare     = servicetest.Official("welfare-1", "SMG-WELFARE")
	admin       = servicetest.Admin("admin-1")
)

func (f fixture) count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.env.Pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// submit files a complaint as the citizen.
func (f fixture) submit(t testing.TB, who identity.Claims, typ string) *petitionv1.Complaint {
	t.Helper()
	resp, err := f.api.SubmitComplaint(f.as(t, who), &petitionv1.SubmitComplaintRequest{
		ComplaintType: typ, Title: "버스 정류장 안내판 고장", Body: "광화문 정류장의 도착 안내판이 일주일째 꺼져 있습니다.",
		Contact: &petitionv1.Contact{Name: "홍길동", Phone: "010-1234-5678"}, PublishConsent: true,
		Location: &petitionv1.Location{Lat: 37.5716, Long: 126.9769, Address: "세종대로 172"},
	})
	require.NoError(t, err)
	return resp.GetComplaint()
}

// streamed waits until the PETITION stream holds an event on subject for
// complaint id and returns it.
func (f fixture) streamed(t testing.TB, subject, complaintID string) *petitionv1.ComplaintEvent {
	t.Helper()
	var found *petitionv1.ComplaintEvent
	servicetest.Eventually(t, subject+" on the stream", func() bool {
		found = f.findEvent(t, subject, complaintID)
		return found != nil
	})
	return found
}

func (f fixture) findEvent(t testing.TB, subject, complaintID string) *petitionv1.ComplaintEvent {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cons, err := f.env.JS.OrderedConsumer(ctx, "PETITION", jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	if err != nil {
		return nil
	}
	for {
		msg, err := cons.Next(jetstream.FetchMaxWait(200 * time.Millisecond))
		if err != nil {
			return nil
		}
		var ev petitionv1.ComplaintEvent
		require.NoError(t, proto.Unmarshal(msg.Data(), &ev))
		if ev.GetComplaintId() == complaintID {
			return &ev
		}
	}
}

// outboxCount counts outbox rows on subject.
func (f fixture) outboxCount(t testing.TB, subject string) int {
	return f.count(t, `SELECT count(*) FROM outbox WHERE subject = $1`, subject)
}

// replica is another instance of the use cases over the same database, as
// a second replica runs them (its jobs), on the clock now (nil: the system's).
func (f fixture) replica(now clock.Clock) *app.App {
	return app.New(app.Ports{Store: postgres.New(pg.Pool(f.env.Pool), events.Writer)}, app.Settings{MayorOffice: "SMG-CIVIL"}, now)
}
