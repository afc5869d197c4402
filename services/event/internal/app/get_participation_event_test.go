package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/app"
)

// Drafts are seen by their department's officials and admins; everyone
// else gets NotFound. Announced ones are public.
func TestGetParticipationEventVisibility(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.create(t)
	for _, tc := range []struct {
		name   string
		caller identity.Claims
		sees   bool
	}{
		{"official of the department", official, true},
		{"admin", admin, true},
		{"official of another department", outsider, false},
		{"citizen", citizen, false},
		{"anonymous", anon, false},
	} {
		_, err := f.app.GetParticipationEvent(as(tc.caller), e.ID)
		if tc.sees {
			require.NoError(t, err, tc.name)
		} else {
			requireErr(t, err, errs.KindNotFound, "EVENT_NOT_FOUND")
		}
		_, err = f.app.GetAnnouncement(as(tc.caller), e.ID)
		if tc.sees {
			requireErr(t, err, errs.KindFailedPrecondition, "EVENT_NOT_ANNOUNCED")
		} else {
			requireErr(t, err, errs.KindNotFound, "EVENT_NOT_FOUND")
		}
	}
	_, err := f.app.AnnounceParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	for _, c := range []identity.Claims{anon, citizen, outsider} {
		_, err := f.app.GetAnnouncement(as(c), e.ID)
		require.NoError(t, err)
	}
	_, err = f.app.GetParticipationEvent(as(anon), "nope")
	requireErr(t, err, errs.KindInvalid, "event_id:NOT_UUID")
}

// The list shows drafts to admins and to the officials of the draft's
// department only, pages by the declared numbers and checks its filters.
func TestListParticipationEvents(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.create(t)
	for _, tc := range []struct {
		name      string
		caller    identity.Claims
		allDrafts bool
		draftsOf  string
		seen      int
	}{
		{"admin", admin, true, "", 1},
		{"official", official, false, "SMG-CULTURE", 1},
		{"official of another department", outsider, false, "SMG-WELFARE", 0},
		{"citizen", citizen, false, "", 0},
	} {
		list, _, err := f.app.ListParticipationEvents(as(tc.caller), app.ListFilter{}, 0, "")
		require.NoError(t, err, tc.name)
		require.Len(t, list, tc.seen, tc.name)
		require.Equal(t, tc.allDrafts, f.w.listed.AllDrafts, tc.name)
		require.Equal(t, tc.draftsOf, f.w.listed.DraftsOf, tc.name)
		require.Equal(t, 20, f.w.page.Size, tc.name)
	}
	_, _, err := f.app.ListParticipationEvents(as(anon), app.ListFilter{}, 1000, "")
	require.NoError(t, err)
	require.Equal(t, 100, f.w.page.Size, "above the maximum is served at the maximum")
	_, _, err = f.app.ListParticipationEvents(as(anon), app.ListFilter{}, -1, "")
	requireErr(t, err, errs.KindInvalid, "page_size:PAGE_SIZE")
	_, _, err = f.app.ListParticipationEvents(as(anon), app.ListFilter{Department: "culture dept"}, 0, "")
	requireErr(t, err, errs.KindInvalid, "department_code:DEPARTMENT_CODE")
}
