package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// The draw comes only after the close and once two officials confirmed
// every announced source's value (A7); it is for the department's
// officials and admins.
func TestDrawWinners(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.open(t)
	for i := range 3 {
		_, err := f.enter(as(citizenN(i)), e.ID)
		require.NoError(t, err)
	}
	_, err := f.app.DrawWinners(as(official), e.ID, "")
	requireErr(t, err, errs.KindFailedPrecondition, "DRAW_AFTER_CLOSE")
	f.clock.Set(e.Draft.EntryEndsAt)
	e, err = f.app.CloseParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	_, err = f.app.DrawWinners(as(official), e.ID, "")
	requireErr(t, err, errs.KindFailedPrecondition, "DRAW_SOURCE_PENDING")
	f.confirm(t, e.ID)
	for _, c := range []identity.Claims{outsider, citizen} {
		_, err = f.app.DrawWinners(as(c), e.ID, "")
		requireErr(t, err, errs.KindPermissionDenied, "")
	}
	_, err = f.app.DrawWinners(as(official), e.ID, etag.Of(e.Revision+1))
	requireErr(t, err, errs.KindConflict, "ETAG_MISMATCH")
	require.Empty(t, f.w.winners[e.ID])

	written := len(f.w.written)
	drawn, err := f.app.DrawWinners(as(official), e.ID, etag.Of(e.Revision))
	require.NoError(t, err)
	require.Equal(t, domain.StatusDrawn, drawn.Status)
	ws := f.w.winners[e.ID]
	require.Len(t, ws, 2, "one gift certificate, one mileage prize")
	require.ElementsMatch(t, []string{"drawn", "prize:gift_certificate", "prize:mileage"}, kinds(f.w.written[written:]))
	require.Equal(t, "drawn", kinds(f.w.written[written:])[0])
	for _, w := range ws {
		require.NotEmpty(t, w.MaskedName)
		require.NotContains(t, w.MaskedName, "길동", "a masked name")
		require.Equal(t, w.PrizeKind == domain.PrizeMileage, w.Delivered, "mileage prizes count as delivered")
	}
	_, err = f.app.DrawWinners(as(official), e.ID, "")
	requireErr(t, err, errs.KindFailedPrecondition, "DRAW_AFTER_CLOSE")
	mine, err := f.app.GetMyEntry(as(citizenN(0)), e.ID)
	require.NoError(t, err)
	require.Equal(t, mine.WinnerID != "", mine.PrizeID != "")
}

// An entrant whose personal data was erased stays in the draw without a
// name (A10.4).
func TestDrawWinnersErasedEntrant(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.closed(t, 2)
	f.confirm(t, e.ID)
	f.privacy.Erase(citizenN(0).Subject)
	require.NoError(t, f.app.ForgetSubject(t.Context(), citizenN(1).Subject))
	_, err := f.app.DrawWinners(as(official), e.ID, "")
	require.NoError(t, err)
	for _, w := range f.w.winners[e.ID] {
		require.Equal(t, domain.ErasedName, w.MaskedName)
	}
	requireErr(t, f.app.ForgetSubject(t.Context(), ""), errs.KindInvalid, "subject_id:REQUIRED")
}

// Officials enter a source's value after the close; the second equal
// entry confirms it. Entries are published, never the value, and do not
// change the participation event's etag.
func TestEnterDrawSourceValue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.open(t)
	_, err := f.app.EnterDrawSourceValue(as(official), e.ID, "lotto", "1 2 3")
	requireErr(t, err, errs.KindFailedPrecondition, "DRAW_SOURCE_AFTER_CLOSE")
	f.clock.Set(e.Draft.EntryEndsAt)
	e, err = f.app.CloseParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	_, err = f.app.EnterDrawSourceValue(as(official), e.ID, "lotto", "1 2 3")
	requireErr(t, err, errs.KindFailedPrecondition, "DRAW_SOURCE_NOT_YET")
	f.clock.Set(e.Draft.DrawSources[0].AvailableAfter)
	for _, tc := range []struct {
		caller identity.Claims
		source string
		value  string
		kind   errs.Kind
		reason string
	}{
		{citizen, "lotto", "1 2 3", errs.KindPermissionDenied, ""},
		{outsider, "lotto", "1 2 3", errs.KindPermissionDenied, ""},
		{official, "", "", errs.KindInvalid, "source_id:REQUIRED"},
		{official, "beacon", "1 2 3", errs.KindNotFound, "DRAW_SOURCE_NOT_FOUND"},
		{official, "lotto", "one two", errs.KindInvalid, "value:DRAW_SOURCE_VALUE"},
	} {
		_, err := f.app.EnterDrawSourceValue(as(tc.caller), e.ID, tc.source, tc.value)
		requireErr(t, err, tc.kind, tc.reason)
	}
	require.Equal(t, []string{"changed:closed"}, kinds(f.w.written[len(f.w.written)-1:]))

	st, err := f.app.EnterDrawSourceValue(as(official), e.ID, "lotto", "1 2 3")
	require.NoError(t, err)
	require.False(t, st.Confirmed)
	require.Empty(t, st.Value, "nobody copies the first entry")
	st, err = f.app.EnterDrawSourceValue(as(official), e.ID, "lotto", "1, 2, 3")
	require.NoError(t, err, "the same value again changes nothing")
	require.Equal(t, 1, st.EntryCount)
	_, err = f.app.EnterDrawSourceValue(as(official), e.ID, "lotto", "4 5 6")
	requireErr(t, err, errs.KindFailedPrecondition, "DRAW_SOURCE_ENTERED")
	st, err = f.app.EnterDrawSourceValue(as(second), e.ID, "lotto", "1 2 3")
	require.NoError(t, err)
	require.True(t, st.Confirmed)
	require.Equal(t, []string{"source", "source:confirmed"}, kinds(f.w.written[len(f.w.written)-2:]))
	require.Equal(t, e.Revision, f.w.events[e.ID].Revision, "the etag of the close still draws")
}

// Winners are public with masked names; contact tokens and subjects only
// for the department's officials and admins. Delivery is theirs to record.
func TestListWinnersAndRecordPrizeDelivery(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.closed(t, 2)
	f.confirm(t, e.ID)
	_, err := f.app.DrawWinners(as(official), e.ID, "")
	require.NoError(t, err)
	for _, tc := range []struct {
		caller   identity.Claims
		contacts bool
	}{{anon, false}, {citizen, false}, {outsider, false}, {official, true}, {admin, true}} {
		ws, err := f.app.ListWinners(as(tc.caller), e.ID)
		require.NoError(t, err)
		require.Len(t, ws, 2)
		for _, w := range ws {
			require.Equal(t, tc.contacts, w.SubjectID != "", tc.caller.Subject)
			require.Equal(t, tc.contacts, !w.Contact.Erased(), tc.caller.Subject)
		}
	}
	var goods domain.Winner
	for _, w := range f.w.winners[e.ID] {
		if w.PrizeKind != domain.PrizeMileage {
			goods = w
		}
	}
	for _, tc := range []struct {
		caller identity.Claims
		winner string
		note   string
		kind   errs.Kind
		reason string
	}{
		{citizen, goods.ID, "", errs.KindPermissionDenied, ""},
		{outsider, goods.ID, "", errs.KindPermissionDenied, ""},
		{official, "nope", "", errs.KindInvalid, "winner_id:NOT_UUID"},
		{official, e.ID, "", errs.KindNotFound, "WINNER_NOT_FOUND"},
	} {
		_, err := f.app.RecordPrizeDelivery(as(tc.caller), e.ID, tc.winner, tc.note)
		requireErr(t, err, tc.kind, tc.reason)
	}
	w, err := f.app.RecordPrizeDelivery(as(official), e.ID, goods.ID, "등기 발송")
	require.NoError(t, err)
	require.True(t, w.Delivered)
	require.Equal(t, official.Subject, w.DeliveredBy)
	again, err := f.app.RecordPrizeDelivery(as(second), e.ID, goods.ID, "")
	require.NoError(t, err)
	require.Equal(t, w.DeliveredAt, again.DeliveredAt, "repeating changes nothing")
	require.Equal(t, official.Subject, again.DeliveredBy)
}

// The public draw inputs grow with the life cycle: the commitment, then
// the entry list, then the winners.
func TestGetDrawInputs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.create(t)
	_, err := f.app.GetDrawInputs(as(anon), e.ID)
	requireErr(t, err, errs.KindNotFound, "EVENT_NOT_FOUND")
	_, err = f.app.GetDrawInputs(as(official), e.ID)
	requireErr(t, err, errs.KindFailedPrecondition, "EVENT_NOT_ANNOUNCED")

	f = newFixture(t)
	e = f.open(t)
	in, err := f.app.GetDrawInputs(as(anon), e.ID)
	require.NoError(t, err)
	require.Empty(t, in.EntryIDs)
	_, err = f.enter(as(citizen), e.ID)
	require.NoError(t, err)
	in, err = f.app.GetDrawInputs(as(anon), e.ID)
	require.NoError(t, err)
	require.Empty(t, in.EntryIDs, "the entry list is public from the close")
	f.clock.Set(e.Draft.EntryEndsAt)
	_, err = f.app.CloseParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	in, err = f.app.GetDrawInputs(as(anon), e.ID)
	require.NoError(t, err)
	require.Len(t, in.EntryIDs, 1)
	require.Len(t, in.Entries, 1)
	require.Empty(t, in.Winners)
	f.confirm(t, e.ID)
	_, err = f.app.DrawWinners(as(official), e.ID, "")
	require.NoError(t, err)
	in, err = f.app.GetDrawInputs(as(anon), e.ID)
	require.NoError(t, err)
	require.Len(t, in.Winners, 1)
}
