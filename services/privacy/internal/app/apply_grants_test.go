package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// live is the departments holding a live grant of the case now.
func (f fixture) live(t *testing.T, purpose, caseRef string) []string {
	t.Helper()
	gs, err := grants{f.world}.ForCase(context.Background(), caseRef, purpose)
	require.NoError(t, err)
	var out []string
	for _, g := range gs {
		if g.ActiveAt(f.clock.Now()) {
			out = append(out, g.Department+":"+g.SubjectID)
		}
	}
	return out
}

// A10.1: the complaint's grant follows the complaint — the Mayor's office
// while it is triaged, then the department it is assigned or transferred
// to; a transfer out of the city revokes it; an answer starts the grace
// period; an event older than one applied changes nothing.
func TestApplyComplaintChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	t0 := f.clock.Now()
	change := func(kind, dept, detail string, at time.Time) error {
		return f.app.ApplyComplaintChange(ctx, domain.ComplaintChange{Kind: kind, ComplaintID: "cmp-1", Department: dept,
			Subject: "cit-1", Detail: detail, At: at, Dispatcher: "SMG-CIVIL"}, "ev-"+kind)
	}
	require.NoError(t, change("received", "", "", t0))
	require.Equal(t, []string{"SMG-CIVIL:cit-1"}, f.live(t, "complaint_handling", "cmp-1"))
	require.NoError(t, change("assigned", "SMG-ROAD", "", t0.Add(time.Minute)))
	require.Equal(t, []string{"SMG-ROAD:cit-1"}, f.live(t, "complaint_handling", "cmp-1"))
	require.NoError(t, change("transferred", "", "department:SMG-PARKS", t0.Add(2*time.Minute)))
	require.Equal(t, []string{"SMG-PARKS:cit-1"}, f.live(t, "complaint_handling", "cmp-1"))
	require.NoError(t, change("assigned", "SMG-ROAD", "", t0.Add(time.Minute)), "a late redelivery")
	require.Equal(t, []string{"SMG-PARKS:cit-1"}, f.live(t, "complaint_handling", "cmp-1"), "is ignored")
	require.NoError(t, change("answered", "SMG-PARKS", "", t0.Add(3*time.Minute)))
	require.Equal(t, []string{"SMG-PARKS:cit-1"}, f.live(t, "complaint_handling", "cmp-1"), "during the grace period")
	f.clock.Advance(domain.ComplaintGrace + 4*time.Minute)
	require.Empty(t, f.live(t, "complaint_handling", "cmp-1"), "after it")
	require.NoError(t, change("reopened", "SMG-PARKS", "", t0.Add(4*time.Minute)))
	require.Equal(t, []string{"SMG-PARKS:cit-1"}, f.live(t, "complaint_handling", "cmp-1"))
	require.NoError(t, change("transferred", "", "agency:국토교통부", t0.Add(5*time.Minute)))
	require.Empty(t, f.live(t, "complaint_handling", "cmp-1"))

	require.Equal(t, errs.KindInvalid, kindOf(f.app.ApplyComplaintChange(ctx, domain.ComplaintChange{Kind: "assigned"}, "ev-x")))
	require.Equal(t, errs.KindInvalid, kindOf(f.app.ApplyComplaintChange(ctx,
		domain.ComplaintChange{Kind: "assigned", ComplaintID: "cmp-2", Department: "SMG-ROAD"}, "ev-y")), "no citizen")
}

// A10.1: a prize grant lasts the delivery window after the award (a second
// award extends it) and names the event's department whenever the
// announcement arrives; a redemption grant lives while the redemption is
// held.
func TestApplyPrizeAndRedemptionGrants(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	t0 := f.clock.Now()
	require.NoError(t, f.app.ApplyPrizeAwarded(ctx, "ev-1", "cit-1", t0, "m1"))
	require.NoError(t, f.app.ApplyEventDepartment(ctx, "ev-1", "SMG-CULTURE", t0))
	require.Equal(t, []string{"SMG-CULTURE:cit-1"}, f.live(t, "prize_delivery", "ev-1"))
	require.NoError(t, f.app.ApplyPrizeAwarded(ctx, "ev-1", "cit-1", t0.Add(24*time.Hour), "m2"))
	f.clock.Advance(domain.PrizeDeliveryWindow + time.Hour)
	require.Equal(t, []string{"SMG-CULTURE:cit-1"}, f.live(t, "prize_delivery", "ev-1"), "extended by the second award")
	require.Equal(t, errs.KindInvalid, kindOf(f.app.ApplyPrizeAwarded(ctx, "", "cit-1", t0, "m3")))
	require.Equal(t, errs.KindInvalid, kindOf(f.app.ApplyEventDepartment(ctx, "ev-1", "", t0)))

	now := f.clock.Now()
	held := domain.RedemptionChange{RedemptionID: "r-1", Subject: "cit-1", Held: true, At: now, HoldExpiresAt: now.Add(time.Hour)}
	require.NoError(t, f.app.ApplyRedemptionChange(ctx, held, "h1"))
	require.Equal(t, []string{":cit-1"}, f.live(t, "redemption", "r-1"))
	settled := held
	settled.Held, settled.At = false, now.Add(time.Minute)
	require.NoError(t, f.app.ApplyRedemptionChange(ctx, settled, "s1"))
	require.Empty(t, f.live(t, "redemption", "r-1"))
	require.NoError(t, f.app.ApplyRedemptionChange(ctx, held, "h1-again"), "a late redelivery of the hold")
	require.Empty(t, f.live(t, "redemption", "r-1"), "does not revive it")
	bad := held
	bad.HoldExpiresAt = now
	require.Equal(t, errs.KindInvalid, kindOf(f.app.ApplyRedemptionChange(ctx, bad, "h2")))
}
