package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/timestamppb"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A10.4: when the privacy service erases a subject (crypto-shredding,
// seoul.privacy.subject.erased), the mileage service drops the card and
// account tokens and masked numbers of that subject's redemptions — once,
// even if the event is delivered twice — while the redemptions, the
// balance and the ledger stay as they were, and another citizen's
// redemption keeps its data.
func TestA10_4_SubjectErasedDropsRedemptionCardData(t *testing.T) {
	t.Parallel()
	s := start(t)
	const erased, other = "cit-erase-1", "cit-erase-2"
	s.grant(t, erased, 3000, "grant-era-0001")
	s.grant(t, other, 1000, "grant-era-0002")
	card, err := s.api.Redeem(s.citizen(t, erased), transit("era-key-0001", 1000))
	require.NoError(t, err)
	require.Equal(t, "****-****-****-3456", card.GetRedemption().GetMaskedAccount())
	bike, err := s.api.Redeem(s.citizen(t, erased), &mileagev1.RedeemRequest{IdempotencyKey: "era-key-0002",
		ItemId: "public-bike-pass", Points: 1000, AccountNumber: "110-123-451234"})
	require.NoError(t, err)
	require.NotEmpty(t, bike.GetRedemption().GetMaskedAccount())
	kept, err := s.api.Redeem(s.citizen(t, other), transit("era-key-0003", 1000))
	require.NoError(t, err)
	before := s.account(t, erased)
	entries := s.count(t, `SELECT count(*) FROM ledger_entries`)

	ev := &privacyv1.SubjectErased{SubjectId: erased, OccurTime: timestamppb.Now()}
	servicetest.PublishEvent(t, s.JS, "privacy", "seoul.privacy.subject.erased", "erase-1", ev)
	servicetest.Eventually(t, "redemption card data dropped", func() bool {
		return s.count(t, `SELECT count(*) FROM redemptions WHERE subject_id = $1
			AND (account_token <> '' OR masked_account <> '' OR request_hash <> '')`, erased) == 0
	})
	// Delivered again under its id (past JetStream's de-duplication, as a
	// redelivery would be): handled once, nothing changes.
	snapshot := func() string {
		var v string
		require.NoError(t, s.Pool.QueryRow(t.Context(), `SELECT
			(SELECT coalesce(json_agg(r ORDER BY r.id)::text, '') FROM redemptions r) ||
			(SELECT coalesce(json_agg(a ORDER BY a.code)::text, '') FROM accounts a) ||
			(SELECT coalesce(json_agg(l ORDER BY l.id)::text, '') FROM lots l)`).Scan(&v))
		return v
	}
	erasedState := snapshot()
	servicetest.PublishDuplicate(t, s.JS, "privacy", "seoul.privacy.subject.erased", "erase-1", ev)
	s.waitConsumed(t, "privacy", "privacy-erasure")
	require.Equal(t, erasedState, snapshot())
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'privacy-erasure' AND event_id = 'erase-1'`))

	// What the citizen sees: the redemptions, without the masked numbers.
	list, err := s.api.ListRedemptions(s.citizen(t, erased), &mileagev1.ListRedemptionsRequest{SubjectId: "me"})
	require.NoError(t, err)
	require.Len(t, list.GetRedemptions(), 2)
	for _, r := range list.GetRedemptions() {
		require.Empty(t, r.GetMaskedAccount())
		require.Equal(t, "confirmed", r.GetStatus())
		require.EqualValues(t, 1000, r.GetPoints())
	}
	got, err := s.api.GetRedemption(s.citizen(t, erased),
		&mileagev1.GetRedemptionRequest{RedemptionId: card.GetRedemption().GetRedemptionId()})
	require.NoError(t, err)
	require.Empty(t, got.GetMaskedAccount())
	require.Equal(t, card.GetRedemption().GetPartnerReference(), got.GetPartnerReference())

	// Its request can no longer be compared: a retry of the key is refused.
	_, err = s.api.Redeem(s.citizen(t, erased), transit("era-key-0001", 1000))
	servicetest.RequireInvalidField(t, err, "idempotency_key")

	// The financial record is untouched (invariants are checked at cleanup).
	after := s.account(t, erased)
	require.Equal(t, before.GetBalance(), after.GetBalance())
	require.Equal(t, entries, s.count(t, `SELECT count(*) FROM ledger_entries`))

	// Another citizen's redemption keeps its token and masked number.
	g, err := s.api.GetRedemption(s.citizen(t, other),
		&mileagev1.GetRedemptionRequest{RedemptionId: kept.GetRedemption().GetRedemptionId()})
	require.NoError(t, err)
	require.Equal(t, "****-****-****-3456", g.GetMaskedAccount())
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM redemptions WHERE subject_id = $1
		AND account_token <> '' AND masked_account <> '' AND request_hash <> ''`, other))

	// Erasing someone who never used mileage creates nothing.
	servicetest.PublishEvent(t, s.JS, "privacy", "seoul.privacy.subject.erased", "erase-2",
		&privacyv1.SubjectErased{SubjectId: "cit-never-here", OccurTime: timestamppb.Now()})
	servicetest.Eventually(t, "second erasure consumed", func() bool {
		return s.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'privacy-erasure' AND event_id = 'erase-2'`) == 1
	})
	require.Zero(t, s.count(t, `SELECT count(*) FROM accounts WHERE subject_id = 'cit-never-here'`))
}
