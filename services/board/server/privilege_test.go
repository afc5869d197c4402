package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/board/server"
)

var pseudonymShape = regexp.MustCompile(`^시민-[0-9a-f]{12}$`)

// unkeyed is the pseudonym the board used to show: a 24-bit unkeyed hash
// anyone who can guess subject ids could recompute and link across boards.
func unkeyed(boardID, subject string) string {
	sum := sha256.Sum256([]byte(boardID + "\x00" + subject))
	return "시민-" + hex.EncodeToString(sum[:3])
}

// A5, A10.1: board pseudonyms are keyed (HMAC with the configured secret),
// differ per board, and are long enough that authors do not collide: the
// same citizen cannot be linked across boards by recomputing a hash.
func TestA10_1_PseudonymsAreKeyedPerBoardAndLong(t *testing.T) {
	t.Parallel()
	f := start(t)
	b1, b2 := f.board(t), f.board(t, func(r *boardv1.CreateBoardRequest) { r.Name = "교통 제안" })
	p1 := f.post(t, alice, b1.GetId(), "버스 노선 제안", "간선 버스 노선을 늘려 주세요.")
	p2 := f.post(t, alice, b2.GetId(), "지하철 제안", "막차 시간을 늦춰 주세요.")
	p3 := f.post(t, alice, b1.GetId(), "버스 정류장 제안", "정류장 의자를 늘려 주세요.")
	for _, p := range []*boardv1.Post{p1, p2, p3} {
		require.Regexp(t, pseudonymShape, p.GetAuthorDisplay())
	}
	require.Equal(t, p1.GetAuthorDisplay(), p3.GetAuthorDisplay(), "stable within a board")
	require.NotEqual(t, p1.GetAuthorDisplay(), p2.GetAuthorDisplay(), "not linkable across boards")
	require.NotEqual(t, unkeyed(b1.GetId(), alice.Subject), p1.GetAuthorDisplay())

	other := server.TestConfig() // another secret: another pseudonym for the same board and author
	other.PrivacyAddr = "127.0.0.1:1"
	g := fixture{env: servicetest.Start(t, server.SpecWith(other), servicetest.WithDatabase(f.env), servicetest.WithIssuer(f.env))}
	g.api = boardv1.NewBoardServiceClient(g.env.Conn)
	p4 := g.post(t, alice, b1.GetId(), "다른 키", "같은 게시판, 다른 비밀 키입니다.")
	require.NotEqual(t, p1.GetAuthorDisplay(), p4.GetAuthorDisplay())
}

// Pseudonyms shown before they were keyed are re-keyed when the service
// starts: an old post's author can no longer be linked by its old name.
func TestA10_1_OldUnkeyedPseudonymsAreRekeyedAtStart(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, bob, b.GetId(), "오래된 글", "키가 없던 시절에 쓴 글입니다.")
	_, err := f.env.Pool.Exec(context.Background(), `UPDATE items SET author_display = $2 WHERE id = $1`,
		p.GetId(), unkeyed(b.GetId(), bob.Subject))
	require.NoError(t, err)
	f.env.Stop()
	cfg := server.TestConfig()
	cfg.PrivacyAddr, cfg.PseudonymKey = "127.0.0.1:1", f.key
	g := fixture{env: servicetest.Start(t, server.SpecWith(cfg), servicetest.WithDatabase(f.env), servicetest.WithIssuer(f.env))}
	g.api = boardv1.NewBoardServiceClient(g.env.Conn)
	got, err := g.api.GetPost(public, &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, p.GetAuthorDisplay(), got.GetAuthorDisplay(), "the keyed pseudonym again")
}

// A3.1.4: a board's request_id belongs to the admin who sent it: another
// admin's create with the same id makes that admin's board (it used to
// return the first admin's).
func TestA3_1_4_BoardRequestIDsAreScopedToTheCaller(t *testing.T) {
	t.Parallel()
	f := start(t)
	create := func(who string, name string) *boardv1.Board {
		r, err := f.api.CreateBoard(f.as(t, servicetest.Admin(who)), &boardv1.CreateBoardRequest{Name: name,
			Purpose: "시정 제안", DepartmentCode: "SMG-CIVIL", RequestId: "board-req-0001"})
		require.NoError(t, err)
		return r
	}
	first, second := create("admin-a", "가 게시판"), create("admin-b", "나 게시판")
	require.NotEqual(t, first.GetId(), second.GetId())
	require.Equal(t, "나 게시판", second.GetName())
	require.Equal(t, first.GetId(), create("admin-a", "가 게시판").GetId(), "a retry by the same admin returns the first board")
}
