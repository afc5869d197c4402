package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func (s *suite) withdraw(t testing.TB, eventID, targetType, targetID, author string) {
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.post.withdrawn", eventID,
		&boardv1.PostWithdrawn{PostId: targetID, TargetId: targetID, BoardId: "b1", AuthorSubject: author,
			TargetType: targetType, OccurTime: timestamppb.New(s.clock.Now())})
}

// A8.1: an author who withdraws a post or comment loses its award like a
// removed one (same clawback policy), so posting and withdrawing cannot
// farm points; a withdrawal seen before the award leaves it unearned.
func TestA8_1_WithdrawalClawsBackAward(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.post(t, "e-wd-p1", "wd-p1", "cit-w1")
	servicetest.PublishEvent(t, s.JS, "board", "seoul.board.comment.created", "e-wd-c1",
		&boardv1.CommentCreated{CommentId: "wd-c1", PostId: "p0", BoardId: "b1", AuthorSubject: "cit-w1",
			OccurTime: timestamppb.New(s.clock.Now())})
	s.waitBalance(t, "cit-w1", 100+s.ruleFor(t, "comment_created"))

	s.withdraw(t, "e-wd-w1", "post", "wd-p1", "cit-w1")
	s.withdraw(t, "e-wd-w2", "comment", "wd-c1", "cit-w1")
	s.waitBalance(t, "cit-w1", 0)
	s.withdraw(t, "e-wd-w3", "post", "wd-p2", "cit-w1") // before its creation arrives
	s.post(t, "e-wd-p2", "wd-p2", "cit-w1")
	servicetest.Eventually(t, "late award decided", func() bool {
		return s.count(t, `SELECT count(*) FROM awards WHERE source_ref = 'wd-p2' AND status = 'source_removed'`) == 1
	})
	require.Zero(t, s.balance(t, "cit-w1"))
	require.Zero(t, s.account(t, "cit-w1").GetDebt())
	require.Equal(t, 2, s.count(t, `SELECT count(*) FROM ledger_transactions WHERE kind = 'clawback' AND memo LIKE '%withdrawn%'`))
	require.Equal(t, 2, s.count(t, `SELECT count(*) FROM removed_sources WHERE ground = 'withdrawn' AND source_ref LIKE 'wd-p%'`))
}

func (s *suite) ruleFor(t testing.TB, action string) int64 {
	t.Helper()
	r, err := s.api.GetRules(t.Context(), &mileagev1.GetRulesRequest{})
	require.NoError(t, err)
	for _, rule := range r.GetRules() {
		if rule.GetAction() == action {
			return rule.GetPoints() * int64(rule.GetWeightPercent()) / 100
		}
	}
	t.Fatalf("no rule for %s", action)
	return 0
}

// A8.1.1–A8.1.3: a citizen lists their own redemptions, newest first with
// a keyset page token, confirmed and voided alike; officials may look,
// other citizens may not.
func TestA8_1_1_ListRedemptions(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-l1", 5000, "grant-list-0001")
	ctx := s.citizen(t, "cit-l1")
	var ids []string
	for i, card := range []string{"1234-5678-9012-3456", "1234-5678-9012-0000", "1234-5678-9012-3457"} {
		r, err := s.api.Redeem(ctx, &mileagev1.RedeemRequest{IdempotencyKey: "list-key-000" + string(rune('1'+i)),
			ItemId: "transit-topup", Points: 1000, TransitCardNumber: card})
		require.NoError(t, err)
		ids = append(ids, r.GetRedemption().GetRedemptionId())
	}
	page, err := s.api.ListRedemptions(ctx, &mileagev1.ListRedemptionsRequest{SubjectId: "me", PageSize: 2})
	require.NoError(t, err)
	require.Len(t, page.GetRedemptions(), 2)
	require.Equal(t, ids[2], page.GetRedemptions()[0].GetRedemptionId(), "newest first")
	require.Equal(t, "voided", page.GetRedemptions()[1].GetStatus(), "the declined card voided the hold")
	require.Equal(t, "****-****-****-3457", page.GetRedemptions()[0].GetMaskedAccount())
	rest, err := s.api.ListRedemptions(ctx, &mileagev1.ListRedemptionsRequest{SubjectId: "me", PageToken: page.GetNextPageToken()})
	require.NoError(t, err)
	require.Len(t, rest.GetRedemptions(), 1)
	require.Equal(t, ids[0], rest.GetRedemptions()[0].GetRedemptionId())
	require.Empty(t, rest.GetNextPageToken())

	all, err := s.api.ListRedemptions(s.official(t), &mileagev1.ListRedemptionsRequest{SubjectId: "cit-l1"})
	require.NoError(t, err)
	require.Len(t, all.GetRedemptions(), 3)
	_, err = s.api.ListRedemptions(s.citizen(t, "cit-other"), &mileagev1.ListRedemptionsRequest{SubjectId: "cit-l1"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.api.ListRedemptions(ctx, &mileagev1.ListRedemptionsRequest{SubjectId: "me", PageToken: "bm90LWEtdXVpZA"})
	servicetest.RequireInvalidField(t, err, "page_token")
}

// A8.1, A8.3: input PostgreSQL would refuse (NUL: these were 500s) or
// that is invisible (Hangul fillers, zero-width characters) and malformed
// ids are InvalidArgument naming the field, and nothing is stored.
func TestA8_BadTextAndIDsNameTheField(t *testing.T) {
	t.Parallel()
	s := start(t)
	_, err := s.api.GrantPoints(s.official(t), &mileagev1.GrantPointsRequest{SubjectId: "a\x00b", Points: 5,
		Reason: "정상 사유", RequestId: "grant-bad-0001"})
	servicetest.RequireInvalidField(t, err, "subject_id")
	_, err = s.api.GrantPoints(s.official(t), &mileagev1.GrantPointsRequest{SubjectId: "cit-b1", Points: 5,
		Reason: "\u3164\u200b", RequestId: "grant-bad-0003"})
	servicetest.RequireInvalidField(t, err, "reason")
	_, err = s.api.GrantPoints(s.official(t), &mileagev1.GrantPointsRequest{SubjectId: "cit-b1", Points: 5,
		Reason: "사유\x00", RequestId: "grant-bad-0002"})
	servicetest.RequireInvalidField(t, err, "reason")
	_, err = s.api.ReverseAward(s.official(t), &mileagev1.ReverseAwardRequest{AwardId: "a\x00b", Reason: "x"})
	servicetest.RequireInvalidField(t, err, "award_id")
	_, err = s.api.GetAccount(s.official(t), &mileagev1.GetAccountRequest{SubjectId: "a\x00b"})
	servicetest.RequireInvalidField(t, err, "subject_id")
	_, err = s.api.ListHistoryLines(s.official(t), &mileagev1.ListHistoryLinesRequest{SubjectId: "a b"})
	servicetest.RequireInvalidField(t, err, "subject_id")
	_, err = s.api.GetRedemption(s.citizen(t, "cit-b1"), &mileagev1.GetRedemptionRequest{RedemptionId: "zz"})
	servicetest.RequireInvalidField(t, err, "redemption_id")
	_, err = s.api.Redeem(s.citizen(t, "cit-b1"), &mileagev1.RedeemRequest{IdempotencyKey: "bad-key-0001", ItemId: "x\x00", Points: 1000})
	servicetest.RequireInvalidField(t, err, "item_id")
	_, err = s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{Action: "\x00"})
	servicetest.RequireInvalidField(t, err, "action")
	_, err = s.api.PublishRule(s.admin(t), &mileagev1.PublishRuleRequest{Action: "post_created", Points: 10, WeightPercent: 100,
		Description: &typev1.LocalizedText{Texts: map[string]string{"ko": "게시글\x00"}}})
	servicetest.RequireInvalidField(t, err, "description.texts.ko") // NUL: refused at the door (grpcserver)
	_, err = s.api.PublishRule(s.admin(t), &mileagev1.PublishRuleRequest{Action: "post_created", Points: 10, WeightPercent: 100,
		Description: &typev1.LocalizedText{Texts: map[string]string{"ko": "게시글", "en": "\x01"}}, Reason: "\u200b"})
	for _, f := range []string{"description.texts.en", "reason"} {
		servicetest.RequireInvalidField(t, err, f)
	}
	_, err = s.api.SetValidity(s.admin(t), &mileagev1.SetValidityRequest{ValidityDays: 365, ExpiryNoticeDays: 30, Reason: "x\x00"})
	servicetest.RequireInvalidField(t, err, "reason")
	_, err = s.api.PutCatalogItem(s.admin(t), &mileagev1.PutCatalogItemRequest{Item: &mileagev1.CatalogItem{ItemId: "bad-item",
		Channel: "transit", NameTexts: &typev1.LocalizedText{Texts: map[string]string{"ko": "이름\x00"}}, OrdinanceRef: "\x00",
		MinPoints: 1, MaxPoints: 1, StepPoints: 1}})
	servicetest.RequireInvalidField(t, err, "item.name_texts.texts.ko")
	servicetest.RequireInvalidField(t, err, "item.ordinance_ref")

	require.Zero(t, s.count(t, `SELECT count(*) FROM awards`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM manual_adjustments`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM redemptions`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM catalog_items WHERE id = 'bad-item'`))
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM validity_policies`))
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM earning_rules WHERE action = 'post_created'`))
}

// A8.1: forged positions in the page tokens of the sequence-paged lists
// (history, rule versions) are bad input naming page_token, never a 500 (a
// position beyond int4 was one); a position in range but never issued is
// just a position.
func TestA8_1_ForgedPageTokensAreInvalid(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.grant(t, "cit-forge", 100, "grant-forge-0001")
	s.grant(t, "cit-forge", 100, "grant-forge-0002")
	ctx := s.citizen(t, "cit-forge")
	h, err := s.api.ListHistoryLines(ctx, &mileagev1.ListHistoryLinesRequest{SubjectId: "me", PageSize: 1})
	require.NoError(t, err)
	r, err := s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{PageSize: 1})
	require.NoError(t, err)
	history, rules := h.GetNextPageToken(), r.GetNextPageToken()

	beyondInt4 := `{"b":4294967296}`
	_, err = s.api.ListHistoryLines(ctx, &mileagev1.ListHistoryLinesRequest{SubjectId: "me", PageToken: repositioned(t, history, beyondInt4)})
	require.NoError(t, err)
	all, err := s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{PageToken: repositioned(t, rules, beyondInt4)})
	require.NoError(t, err)
	require.NotEmpty(t, all.GetRules(), "every rule version lies before that position")
	for _, forged := range []string{`{"b":9223372036854775807}`, `{"b":0.5}`, `{"b":0}`, `{"b":-1}`, `"x"`} {
		_, err := s.api.ListHistoryLines(ctx, &mileagev1.ListHistoryLinesRequest{SubjectId: "me", PageToken: repositioned(t, history, forged)})
		servicetest.RequireInvalidField(t, err, "page_token")
		_, err = s.api.ListRuleVersions(t.Context(), &mileagev1.ListRuleVersionsRequest{PageToken: repositioned(t, rules, forged)})
		servicetest.RequireInvalidField(t, err, "page_token")
	}
}
