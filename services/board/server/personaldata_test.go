package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/board/server"
)

// secrets are the plaintext forms of what the tests below plant; none may
// be found in any column of the board database.
var secrets = []string{"7319-4682", "73194682", "bimil.cha", "비밀로 77", "1203호", "850315", "1234566",
	"2222-3333", "5555-6666", "4532", "8888-9999", "4444-7777"}

// storedHits counts rows of every text column holding a secret.
func (f fixture) storedHits(t *testing.T) []string {
	t.Helper()
	var hits []string
	for _, col := range [][2]string{{"items", "title"}, {"items", "body"}, {"items", "canonical"}, {"flags", "evidence"},
		{"reports", "text"}, {"appeals", "reason"}, {"appeals", "resolution"}, {"decisions", "public_explanation"},
		{"decisions", "facts"}} {
		for _, s := range secrets {
			if f.count(t, `SELECT count(*) FROM `+col[0]+` WHERE strpos(`+col[1]+`, $1) > 0`, s) > 0 {
				hits = append(hits, col[0]+"."+col[1]+": "+s)
			}
		}
	}
	return hits
}

// A10.1: personal data of every kind in a post, a comment or an edit is
// masked by the shared detector before it is stored; the author is told
// which kinds were masked, nobody else is; neither the stored text nor its
// comparison form (A5.8) nor the moderators' evidence holds any of it.
func TestPersonalDataMaskedInPostsA10_1(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "제안 010-2222-3333",
		"연락 010-7319-4682, 메일 bimil.cha@example.org, 주소 비밀로 77, 101동 1203호, 주민번호 850315-1234566")
	require.Equal(t, "제안 010-****-3333", p.GetTitle())
	require.Equal(t, "연락 010-****-4682, 메일 b***@example.org, 주소 비밀로 ***, 주민번호 ******-*******", p.GetBody())
	require.True(t, p.GetPersonalDataMasked())
	require.Equal(t, []string{"email_address", "resident_registration_number", "phone_number", "street_address"},
		p.GetPersonalDataKinds())

	got, err := f.api.GetPost(f.as(t, bob), &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, p.GetBody(), got.GetBody())
	require.False(t, got.GetPersonalDataMasked(), "only the author is told")
	require.Empty(t, got.GetPersonalDataKinds())

	c, err := f.api.CreateComment(f.as(t, bob), &boardv1.CreateCommentRequest{PostId: p.GetId(), Body: "제 번호도 010-5555-6666 입니다"})
	require.NoError(t, err)
	require.Equal(t, "제 번호도 010-****-6666 입니다", c.GetBody())
	require.Equal(t, []string{"phone_number"}, c.GetPersonalDataKinds())

	ed, err := f.api.EditPost(f.as(t, alice), &boardv1.EditPostRequest{PostId: p.GetId(), Post: &boardv1.Post{Title: "분실 신고",
		Body: "카드 4532-0123-4567-8902 를 잃어버렸습니다"}})
	require.NoError(t, err)
	require.Equal(t, "카드 ****-****-****-8902 를 잃어버렸습니다", ed.GetPost().GetBody())
	require.Equal(t, []string{"card_number"}, ed.GetPost().GetPersonalDataKinds())

	require.Empty(t, f.storedHits(t))
	require.Equal(t, 3, f.count(t, `SELECT count(*) FROM flags WHERE detector = 'personal_data'`), "the post, the comment and the edit are flagged")
}

// A10.1, A5.0: what is written around moderation — a report's text, the
// statement of reasons and its facts, an appeal and its resolution — is
// stored masked, so the public moderation log shows no personal data.
func TestPersonalDataMaskedInModerationA10_1(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "항의", "시 발 이게 행정입니까")
	_, err := f.api.FileReport(f.as(t, bob), &boardv1.FileReportRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Ground: "A5.6", Text: "욕설입니다. 저는 010-7319-4682 로 연락 주세요"})
	require.NoError(t, err)
	d, err := f.api.DecideModeration(f.as(t, mod1), &boardv1.DecideModerationRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: p.GetId(), Outcome: boardv1.Outcome_OUTCOME_REMOVE, Ground: "A5.6",
		PublicExplanation: "욕설로 삭제했습니다. 문의는 010-8888-9999", Facts: "신고인 bimil.cha@example.org 제보"})
	require.NoError(t, err)
	a, err := f.api.FileAppeal(f.as(t, alice), &boardv1.FileAppealRequest{DecisionId: d.GetDecision().GetId(),
		Reason: "부당합니다. 제 집 비밀로 77, 101동 1203호 로 답변 주세요"})
	require.NoError(t, err)
	require.Equal(t, "부당합니다. 제 집 비밀로 *** 로 답변 주세요", a.GetAppeal().GetReason())
	_, err = f.api.DecideAppeal(f.as(t, mod2), &boardv1.DecideAppealRequest{AppealId: a.GetAppeal().GetId(),
		Resolution: "유지합니다. 010-4444-7777 로 문의"})
	require.NoError(t, err)

	log, err := f.api.ListModerationDecisions(public, &boardv1.ListModerationDecisionsRequest{})
	require.NoError(t, err)
	require.Len(t, log.GetDecisions(), 1)
	require.Equal(t, "욕설로 삭제했습니다. 문의는 010-****-9999", log.GetDecisions()[0].GetPublicExplanation())
	require.Empty(t, f.storedHits(t))
}

// A10.4: text stored before the shared detector (rows the migration marks
// unscreened) is masked when the service starts, before it serves — the
// comparison form rebuilt and the author told — and a second start finds
// nothing left.
func TestTextStoredBeforeScreeningIsMaskedAtStartA10_4(t *testing.T) {
	t.Parallel()
	f := start(t)
	b := f.board(t)
	p := f.post(t, alice, b.GetId(), "예전 글", "예전 글입니다")
	ctx := context.Background()
	_, err := f.env.Pool.Exec(ctx, `UPDATE items SET body = $2, canonical = $3, text_screened = false,
		personal_data_masked = false WHERE id = $1`, p.GetId(),
		"연락 010-7319-4682, 주민번호 850315-1234566", "연락01073194682주민번호8503151234566")
	require.NoError(t, err)
	_, err = f.env.Pool.Exec(ctx, `INSERT INTO reports (id, item_id, reporter_subject, ground, text, created_at, text_screened)
		VALUES (gen_random_uuid(), $1, 'citizen-bob', 'A5.9', '제 메일 bimil.cha@example.org', now(), false)`, p.GetId())
	require.NoError(t, err)
	require.NotEmpty(t, f.storedHits(t), "the planted rows hold plaintext")
	f.env.Stop()

	cfg := server.TestConfig()
	cfg.PrivacyAddr = "127.0.0.1:1"
	again := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithDatabase(f.env), servicetest.WithIssuer(f.env),
		servicetest.WithNATS(f.env.NATS))
	require.Empty(t, f.storedHits(t))
	api := boardv1.NewBoardServiceClient(again.Conn)
	got, err := api.GetPost(again.As(t, alice), &boardv1.GetPostRequest{PostId: p.GetId()})
	require.NoError(t, err)
	require.Equal(t, "연락 010-****-4682, 주민번호 ******-*******", got.GetBody())
	require.True(t, got.GetPersonalDataMasked())
	require.Equal(t, []string{"resident_registration_number", "phone_number"}, got.GetPersonalDataKinds())
	require.Zero(t, f.count(t, `SELECT count(*) FROM items WHERE NOT text_screened`))
}
