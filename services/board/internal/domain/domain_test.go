package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// A5.0: every ground names its article and item, and the tombstone says so.
func TestGroundNoticesA5_0(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, notice string }{
		{"A5.1", "「조례 제5조 제1호에 따라 삭제」"},
		{"A5.6", "「조례 제5조 제6호에 따라 삭제」"},
		{"A5.9", "「조례 제5조 제9호에 따라 삭제」"},
	} {
		g, ok := domain.ParseGround(c.in)
		require.True(t, ok)
		require.Equal(t, c.notice, g.Notice())
	}
	for _, bad := range []string{"", "A5.0", "A5.10", "A4.1", "5.6", "A5.6 "} {
		_, ok := domain.ParseGround(bad)
		require.False(t, ok, bad)
	}
}

// A5.0: a removal needs a ground and a public explanation; a hide lasts
// 1–30 days.
func TestValidateDecision(t *testing.T) {
	t.Parallel()
	_, err := domain.ValidateDecision(domain.DecisionInput{Outcome: domain.OutcomeRemove})
	require.ElementsMatch(t, []string{"ground", "public_explanation"}, errstest.Fields(t, err))
	for _, days := range []int{0, 31} {
		_, err = domain.ValidateDecision(domain.DecisionInput{Outcome: domain.OutcomeHide, HideDays: days, PublicExplanation: "x"})
		require.Equal(t, []string{"hide_days"}, errstest.Fields(t, err), "%d days", days)
	}
	_, err = domain.ValidateDecision(domain.DecisionInput{Outcome: domain.OutcomeHide, HideDays: 30, PublicExplanation: "검토 중입니다"})
	require.NoError(t, err)
	g, err := domain.ValidateDecision(domain.DecisionInput{Outcome: domain.OutcomeRemove, Ground: "A5.8", PublicExplanation: "반복 게시"})
	require.NoError(t, err)
	require.Equal(t, domain.Ground("A5.8"), g)
}

// A temporary hide lapses by itself after its period.
func TestHideLapses(t *testing.T) {
	t.Parallel()
	now := time.Now()
	until := now.Add(time.Hour)
	it := domain.Item{Status: domain.StatusHidden, HiddenUntil: &until}
	require.Equal(t, domain.StatusHidden, it.EffectiveStatus(now))
	require.Equal(t, domain.StatusVisible, it.EffectiveStatus(until))
}

// Only moderators decide, never on their own item; the appeal goes to a
// different moderator.
func TestModerationAuthorization(t *testing.T) {
	t.Parallel()
	mod := identity.Claims{Subject: "m1", Roles: []identity.Role{identity.RoleModerator}}
	citizen := identity.Claims{Subject: "c1", Roles: []identity.Role{identity.RoleCitizen}}
	it := domain.Item{Kind: domain.KindPost, AuthorSubject: "c1", Status: domain.StatusVisible}
	require.NoError(t, domain.MayDecide(mod, it, domain.OutcomeRemove, time.Now()))
	require.True(t, errs.Is(domain.MayDecide(citizen, it, domain.OutcomeRemove, time.Now()), errs.KindPermissionDenied))
	it.AuthorSubject = "m1"
	require.True(t, errs.Is(domain.MayDecide(mod, it, domain.OutcomeRemove, time.Now()), errs.KindPermissionDenied))

	removal := domain.Decision{ModeratorSubject: "m1"}
	a := domain.Appeal{AppellantSubject: "c1", Status: domain.AppealPending}
	require.True(t, errs.Is(domain.MayResolveAppeal(mod, a, removal), errs.KindPermissionDenied))
	other := identity.Claims{Subject: "m2", Roles: []identity.Role{identity.RoleModerator}}
	require.NoError(t, domain.MayResolveAppeal(other, a, removal))
}

// A5.7: a real-name board needs the real-name claim.
func TestRealNameClaimA5_7(t *testing.T) {
	t.Parallel()
	b := domain.Board{RealNameRequired: true, Posting: domain.PostingSignedIn}
	c := identity.Claims{Subject: "c1", Roles: []identity.Role{identity.RoleCitizen}}
	require.True(t, errs.Is(b.MayPost(c), errs.KindFailedPrecondition))
	c.RealNameVerified = true
	require.NoError(t, b.MayPost(c))
}

func TestUrgencyOrdersGraveEvidenceFirst(t *testing.T) {
	t.Parallel()
	insult := domain.Urgency([]domain.Flag{{Detector: "profanity", Ground: "A5.6", Score: 0.9}}, 0, false)
	spam := domain.Urgency([]domain.Flag{{Detector: "advertising", Ground: "A5.5", Score: 0.9}}, 0, false)
	rrn := domain.Urgency([]domain.Flag{{Detector: "personal_data", Score: 1}}, 0, false)
	require.Greater(t, rrn, insult)
	require.Greater(t, insult, spam)
	require.Greater(t, domain.Urgency(nil, 3, false), domain.Urgency(nil, 1, false))
}
