package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A8.1/A5: removing a post or comment claws back its unspent award.
func TestA8_1_ClawbackReversesUnspentAward(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.post(t, "e-p1", "p1", "cit-c1")
	s.post(t, "e-p2", "p2", "cit-c1")
	s.waitBalance(t, "cit-c1", 200)
	s.remove(t, "e-rm-p1", "post", "p1", "cit-c1")
	s.waitBalance(t, "cit-c1", 100)
	s.remove(t, "e-rm-p1-again", "post", "p1", "cit-c1") // a second removal changes nothing
	// A removal that arrives before the creation: the late award earns nothing.
	s.remove(t, "e-rm-p3", "post", "p3", "cit-c1")
	s.post(t, "e-p3", "p3", "cit-c1")
	servicetest.Eventually(t, "late award decided", func() bool {
		return s.count(t, `SELECT count(*) FROM awards WHERE source_ref = 'p3' AND status = 'source_removed'`) == 1
	})
	acct := s.account(t, "cit-c1")
	require.EqualValues(t, 100, acct.GetBalance())
	require.Zero(t, acct.GetDebt())
	kinds := historyKinds(t, s, "cit-c1")
	require.Contains(t, kinds, "clawed_back")
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM ledger_transactions WHERE kind = 'clawback'`))
}

// A8.1/A5: points already spent are not taken below zero; they become a
// debt that the next awards pay off first.
func TestA8_1_ClawbackOfSpentPointsBecomesDebt(t *testing.T) {
	t.Parallel()
	s := start(t)
	s.post(t, "e-sp1", "sp1", "cit-c2")
	s.waitBalance(t, "cit-c2", 100)
	s.grant(t, "cit-c2", 900, "grant-sp-0001")
	r, err := s.api.Redeem(s.citizen(t, "cit-c2"), transit("redeem-sp-0001", 1000))
	require.NoError(t, err)
	require.Equal(t, "confirmed", r.GetRedemption().GetStatus())
	require.Zero(t, s.balance(t, "cit-c2"))

	s.remove(t, "e-rm-sp1", "post", "sp1", "cit-c2")
	servicetest.Eventually(t, "debt recorded", func() bool { return s.account(t, "cit-c2").GetDebt() == 100 })
	require.Zero(t, s.balance(t, "cit-c2"), "a balance never goes negative")

	s.post(t, "e-sp2", "sp2", "cit-c2") // 100 points pay the debt
	s.post(t, "e-sp3", "sp3", "cit-c2") // 100 points are credited
	s.waitBalance(t, "cit-c2", 100)
	require.Zero(t, s.account(t, "cit-c2").GetDebt())
	require.Contains(t, historyKinds(t, s, "cit-c2"), "earned")
}

// A8.1: an official corrects an award by reversing it, audited.
func TestA8_1_OfficialReversesAward(t *testing.T) {
	t.Parallel()
	s := start(t)
	aw := s.grant(t, "cit-c3", 500, "grant-rv-0001")
	resp, err := s.api.ReverseAward(s.official(t), &mileagev1.ReverseAwardRequest{AwardId: aw.GetAwardId(), Reason: "granted twice by mistake"})
	require.NoError(t, err)
	require.EqualValues(t, 500, resp.GetReversed())
	require.Equal(t, "clawed_back", resp.GetAward().GetStatus())
	again, err := s.api.ReverseAward(s.official(t), &mileagev1.ReverseAwardRequest{AwardId: aw.GetAwardId(), Reason: "again"})
	require.NoError(t, err)
	require.Zero(t, again.GetReversed())
	require.Zero(t, s.balance(t, "cit-c3"))
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM manual_adjustments WHERE kind = 'reversal'`))

	_, err = s.api.ReverseAward(s.official(t), &mileagev1.ReverseAwardRequest{AwardId: aw.GetAwardId()})
	servicetest.RequireInvalidField(t, err, "reason")
}

func historyKinds(t *testing.T, s *suite, sub string) []string {
	t.Helper()
	h, err := s.api.ListHistoryLines(s.citizen(t, sub), &mileagev1.ListHistoryLinesRequest{SubjectId: "me"})
	require.NoError(t, err)
	var kinds []string
	for _, l := range h.GetHistoryLines() {
		kinds = append(kinds, l.GetKind())
	}
	return kinds
}
