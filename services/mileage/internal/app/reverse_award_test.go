package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// A8.1: a correction reverses the unspent remainder; what was spent
// becomes debt, which the next award pays first; reversing twice does
// nothing more. Officials of the programme and admins only, audited.
func TestA8_1_ReverseAwardMakesDebtOfWhatWasSpent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	g, err := f.app.GrantPoints(as(official), citizen.Subject, 100, "보상", "req-00000010")
	require.NoError(t, err)
	_, err = f.app.Redeem(as(citizen), domain.RedeemRequest{IdempotencyKey: "key-00000001", ItemID: "transit-1000",
		Points: 30, CardNumber: "1234-5678-9012-3456"})
	require.NoError(t, err)
	require.EqualValues(t, 70, f.balance(citizen.Subject))

	for _, c := range []identity.Claims{citizen, outsider} {
		_, _, _, err := f.app.ReverseAward(as(c), g.Award.ID, "오지급")
		errstest.RequireOutcome(t, errs.KindPermissionDenied, "DEPARTMENT_REQUIRED", err)
	}
	aw, reversed, debt, err := f.app.ReverseAward(as(second), g.Award.ID, "오지급")
	require.NoError(t, err)
	require.Equal(t, domain.AwardClawedBack, aw.Status)
	require.EqualValues(t, 70, reversed)
	require.EqualValues(t, 30, debt)
	require.Zero(t, f.balance(citizen.Subject), "a balance never goes negative")
	require.EqualValues(t, 30, f.db.debt[citizen.Subject])
	require.Equal(t, domain.ClawbackCorrection, f.db.awards[g.Award.ID].ClawbackCause)

	_, reversed, debt, err = f.app.ReverseAward(as(second), g.Award.ID, "오지급")
	require.NoError(t, err)
	require.Zero(t, reversed+debt, "reversing twice does nothing")
	require.EqualValues(t, 30, f.db.debt[citizen.Subject])

	aw = f.earn(t, citizen.Subject, "p1")
	require.EqualValues(t, 10, aw.DebtOffset, "the next award pays the debt first")
	require.EqualValues(t, 20, f.db.debt[citizen.Subject])
	require.Zero(t, f.balance(citizen.Subject))

	var kinds []string
	for _, a := range f.db.audits {
		kinds = append(kinds, a.Kind)
	}
	require.Equal(t, []string{"grant", "reversal", "reversal"}, kinds)
}

func TestA8_1_ReverseAwardNamesBadFields(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, _, _, err := f.app.ReverseAward(as(official), "aw_nope", "")
	require.ElementsMatch(t, []string{"award_id", "reason"}, errstest.Fields(t, err))
	_, _, _, err = f.app.ReverseAward(as(official), domain.AwardID("x", "y", "z"), "사유")
	errstest.RequireOutcome(t, errs.KindNotFound, "AWARD_NOT_FOUND", err)
}

// A5, A8.1: a removed source's awards are clawed back and later events of
// it earn nothing; an appeal that restores it gives the points back once;
// an author's withdrawal is not given back.
func TestA8_1_ClawbackAndRestoreOfASource(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	aw := f.earn(t, citizen.Subject, "p1")
	require.NoError(t, f.app.ClawbackSource(ctx, "post", "p1", "A5.2"))
	require.Zero(t, f.balance(citizen.Subject))
	require.Equal(t, domain.ClawbackRemoval, f.db.awards[aw.ID].ClawbackCause)
	late, err := f.app.Earn(ctx, domain.Earning{Action: domain.ActionCommentCreated, Subject: citizen.Subject,
		SourceEventID: "ev-late", SourceKind: "post", SourceRef: "p1"})
	require.NoError(t, err)
	require.Equal(t, domain.AwardSourceRemoved, late.Status)

	require.NoError(t, f.app.RestoreSource(ctx, "post", "p1", "ev-restored"))
	require.NoError(t, f.app.RestoreSource(ctx, "post", "p1", "ev-restored-again"))
	require.EqualValues(t, 10, f.balance(citizen.Subject), "given back once")

	w := f.earn(t, other.Subject, "p2")
	require.NoError(t, f.app.ClawbackSource(ctx, "post", "p2", app.GroundWithdrawn))
	require.Equal(t, domain.ClawbackWithdrawal, f.db.awards[w.ID].ClawbackCause)
	require.NoError(t, f.app.RestoreSource(ctx, "post", "p2", "ev-r2"))
	require.Zero(t, f.balance(other.Subject), "a withdrawal is not undone")
	require.Equal(t, []string{"awarded", "clawed_back", "awarded", "awarded", "clawed_back"}, f.eventTypes())

	require.Error(t, f.app.ClawbackSource(ctx, "", "p1", "A5.2"))
}
