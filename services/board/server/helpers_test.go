package server_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/board/server"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// fixture is a running board service (and, for real-name tests, a real
// privacy service beside it).
type fixture struct {
	env     *servicetest.Env
	privacy *servicetest.Env
	api     boardv1.BoardServiceClient
	// key is the pseudonym secret the service runs with.
	key string
}

// start boots the board service alone; real-name boards then fail as the
// privacy service is unreachable.
func start(t testing.TB) fixture {
	t.Helper()
	cfg := server.TestConfig()
	cfg.PrivacyAddr = "127.0.0.1:1"
	env := servicetest.Start(t, server.SpecWith(cfg))
	return fixture{env: env, api: boardv1.NewBoardServiceClient(env.Conn), key: cfg.PseudonymKey}
}

// startWithPrivacy boots a real privacy service and the board service
// pointed at it, sharing NATS and the token issuer.
func startWithPrivacy(t testing.TB) fixture {
	t.Helper()
	priv := servicetest.Start(t, privacyserver.SpecWith(privacyserver.TestConfig()))
	cfg := server.TestConfig()
	cfg.PrivacyAddr = priv.Addr
	env := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv))
	return fixture{env: env, privacy: priv, api: boardv1.NewBoardServiceClient(env.Conn), key: cfg.PseudonymKey}
}

func (f fixture) as(t testing.TB, c identity.Claims) context.Context { return f.env.As(t, c) }

var (
	admin  = servicetest.Admin("admin-1")
	mod1   = servicetest.Moderator("mod-1")
	mod2   = servicetest.Moderator("mod-2")
	alice  = servicetest.Citizen("citizen-alice")
	bob    = servicetest.Citizen("citizen-bob")
	carol  = servicetest.Citizen("citizen-carol")
	public = context.Background()
)

func (f fixture) board(t testing.TB, mutate ...func(*boardv1.CreateBoardRequest)) *boardv1.Board {
	t.Helper()
	req := &boardv1.CreateBoardRequest{Name: "시민 제안", Purpose: "시정에 관한 시민 제안", DepartmentCode: "SMG-CIVIL"}
	for _, m := range mutate {
		m(req)
	}
	resp, err := f.api.CreateBoard(f.as(t, admin), req)
	require.NoError(t, err)
	return resp
}

func (f fixture) post(t testing.TB, who identity.Claims, boardID, title, body string) *boardv1.Post {
	t.Helper()
	resp, err := f.api.CreatePost(f.as(t, who), &boardv1.CreatePostRequest{BoardId: boardID, Title: title, Body: body})
	require.NoError(t, err)
	return resp
}

func (f fixture) remove(t testing.TB, who identity.Claims, postID, ground string) *boardv1.Decision {
	t.Helper()
	resp, err := f.api.DecideModeration(f.as(t, who), &boardv1.DecideModerationRequest{
		TargetType: boardv1.TargetType_TARGET_TYPE_POST, TargetId: postID, Outcome: boardv1.Outcome_OUTCOME_REMOVE,
		Ground: ground, PublicExplanation: "욕설이 포함되어 삭제했습니다.", Facts: "신고 2건, 자동 탐지 욕설"})
	require.NoError(t, err)
	return resp.GetDecision()
}

// storeName registers a real name for subject with the privacy service,
// as the subject.
func (f fixture) storeName(t testing.TB, who identity.Claims, name string) {
	t.Helper()
	_, err := privacyv1.NewPrivacyServiceClient(f.privacy.Conn).StorePersonalData(f.privacy.As(t, who),
		&privacyv1.StorePersonalDataRequest{SubjectId: who.Subject, Purpose: "real_name_board",
			Fields: []*privacyv1.PersonalField{{Name: "name", Value: name}}})
	require.NoError(t, err)
}

// count returns a single count from the board database.
func (f fixture) count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.env.Pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// waitEvent reads stream BOARD from the start until a message on subject
// decodes into msg and satisfies match.
func waitEvent(t testing.TB, js jetstream.JetStream, subject string, msg proto.Message, match func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cons, err := js.OrderedConsumer(ctx, "BOARD", jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	require.NoError(t, err)
	for ctx.Err() == nil {
		m, err := cons.Next(jetstream.FetchMaxWait(time.Second))
		if err != nil {
			continue
		}
		require.NoError(t, proto.Unmarshal(m.Data(), msg))
		if match() {
			return
		}
	}
	t.Fatalf("no %s event matched", subject)
}
