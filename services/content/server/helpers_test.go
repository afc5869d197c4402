package server_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/content/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// suite is one running content service with a client and the usual
// callers: an admin, officials of two departments, a citizen, the public.
type suite struct {
	env     *servicetest.Env
	c       contentv1.ContentServiceClient
	admin   context.Context
	digital context.Context // official of SMG-DIGITAL
	culture context.Context // official of SMG-CULTURE
	citizen context.Context
	public  context.Context
}

// quiet keeps the background jobs out of a test's way unless it wants them.
func quiet() *server.Config {
	return &server.Config{StaleScanInterval: time.Hour, ViewFlushInterval: time.Hour}
}

func start(t testing.TB, cfg *server.Config) *suite {
	t.Helper()
	env := servicetest.Start(t, server.SpecWith(cfg))
	s := &suite{env: env, c: contentv1.NewContentServiceClient(env.Conn),
		admin:   env.As(t, servicetest.Admin("admin-1")),
		digital: env.As(t, servicetest.Official("off-digital", "SMG-DIGITAL")),
		culture: env.As(t, servicetest.Official("off-culture", "SMG-CULTURE")),
		citizen: env.As(t, servicetest.Citizen("citizen-1")),
		public:  context.Background()}
	for _, d := range []*contentv1.PutDepartmentRequest{
		{Code: "SMG-DIGITAL", NameKo: "디지털정책과", NameEn: "Digital Policy Division", Phone: "02-2133-2900", Email: "digital@seoul.go.kr"},
		{Code: "SMG-CULTURE", NameKo: "문화정책과", NameEn: "Culture Policy Division", Phone: "02-2133-2500"},
		{Code: "SMG-NOCONTACT", NameKo: "연락처없는과"},
	} {
		_, err := s.c.PutDepartment(s.admin, d)
		require.NoError(t, err)
	}
	return s
}

// requireAppendOnly fails unless err is the append-only trigger of table
// refusing the change (SQLSTATE 23001 restrict_violation).
func requireAppendOnly(t testing.TB, err error, table string) {
	t.Helper()
	var pgErr *pgconn.PgError
	require.ErrorAs(t, err, &pgErr)
	require.Equal(t, "23001", pgErr.Code, pgErr.Message)
	require.Equal(t, table+" is append-only", pgErr.Message)
}

func (s *suite) as(t testing.TB, c identity.Claims) context.Context { return s.env.As(t, c) }

var seq atomic.Int64

// draft is a valid create request of SMG-DIGITAL with a Korean title.
func draft(title string) *contentv1.CreateItemRequest {
	return &contentv1.CreateItemRequest{
		DepartmentCode: "SMG-DIGITAL", Kind: contentv1.Kind_KIND_POLICY,
		Title:   map[string]string{"ko": title},
		Summary: map[string]string{"ko": title + " 요약"},
		Body:    map[string]string{"ko": title + " 본문입니다."},
		Tags:    []string{"디지털"},
	}
}

// publish creates req as an official of its department and publishes it.
func (s *suite) publish(t testing.TB, ctx context.Context, req *contentv1.CreateItemRequest) *contentv1.Item {
	t.Helper()
	created, err := s.c.CreateItem(ctx, req)
	require.NoError(t, err)
	id := created.Item.Id
	_, err = s.c.SubmitItemForReview(ctx, &contentv1.SubmitItemForReviewRequest{ItemId: id})
	require.NoError(t, err)
	out, err := s.c.PublishItem(ctx, &contentv1.PublishItemRequest{ItemId: id})
	require.NoError(t, err)
	return out.Item
}

func (s *suite) count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, s.env.Pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// awaitEvents returns every message published so far on subject, decoded.
func awaitEvents[M proto.Message](t *testing.T, s *suite, subject string, want int, newMsg func() M) []M {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out []M
	servicetest.Eventually(t, fmt.Sprintf("%d events on %s", want, subject), func() bool {
		out = fetchAll(ctx, t, s, subject, newMsg)
		return len(out) >= want
	})
	return out
}

func fetchAll[M proto.Message](ctx context.Context, t *testing.T, s *suite, subject string, newMsg func() M) []M {
	t.Helper()
	cons, err := s.env.JS.OrderedConsumer(ctx, "CONTENT", jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	if err != nil {
		return nil // the stream appears with the first relay round
	}
	var out []M
	for {
		batch, err := cons.FetchNoWait(100)
		require.NoError(t, err)
		n := 0
		for msg := range batch.Messages() {
			m := newMsg()
			require.NoError(t, proto.Unmarshal(msg.Data(), m))
			out = append(out, m)
			n++
		}
		if n == 0 {
			return out
		}
	}
}
