package server_test

import (
	"context"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

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
	id := created.Id
	_, err = s.c.SubmitItemForReview(ctx, &contentv1.SubmitItemForReviewRequest{ItemId: id})
	require.NoError(t, err)
	out, err := s.c.PublishItem(ctx, &contentv1.PublishItemRequest{ItemId: id})
	require.NoError(t, err)
	return out.Item
}
