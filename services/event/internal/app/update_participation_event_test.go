package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

func TestUpdateParticipationEvent(t *testing.T) {
	t.Parallel()
	retitle := func(d domain.Draft) domain.Draft { d.Title = ko("새 제목"); return d }
	for _, tc := range []struct {
		name   string
		caller identity.Claims
		edit   func(domain.Draft) domain.Draft
		tag    string
		kind   errs.Kind
		reason string
	}{
		{"official of the department", official, retitle, "", 0, ""},
		{"admin with the current etag", admin, retitle, etag.Of(1), 0, ""},
		{"stale etag", official, retitle, etag.Of(7), errs.KindConflict, "ETAG_MISMATCH"},
		// A draft of another department looks like it does not exist.
		{"official of another department", outsider, retitle, "", errs.KindNotFound, "EVENT_NOT_FOUND"},
		{"citizen", citizen, retitle, "", errs.KindNotFound, "EVENT_NOT_FOUND"},
		{"bad result", official, func(d domain.Draft) domain.Draft { d.Title = ko(" "); return d }, "", errs.KindInvalid, "draft.title.ko:KOREAN_REQUIRED"},
		{"moved to another department", official, func(d domain.Draft) domain.Draft { d.DepartmentCode = "SMG-WELFARE"; return d },
			"", errs.KindPermissionDenied, ""},
		{"over the programme budget", official, func(d domain.Draft) domain.Draft { d.Budget = 10_000_001; return d },
			"", errs.KindFailedPrecondition, "PROGRAMME_BUDGET_EXCEEDED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			e := f.create(t)
			got, err := f.app.UpdateParticipationEvent(as(tc.caller), e.ID, tc.tag, tc.edit)
			stored := f.w.events[e.ID]
			if tc.kind != 0 {
				requireErr(t, err, tc.kind, tc.reason)
				require.Equal(t, int64(1), stored.Revision, "nothing kept")
				require.Equal(t, e.Draft.Title, stored.Draft.Title)
				return
			}
			require.NoError(t, err)
			require.Equal(t, "새 제목", got.Draft.Title.Ko())
			require.Equal(t, int64(2), stored.Revision)
		})
	}
}

// Once announced, the plan is frozen (A7.3).
func TestUpdateParticipationEventAfterAnnouncement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.create(t)
	_, err := f.app.AnnounceParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	_, err = f.app.UpdateParticipationEvent(as(official), e.ID, "", func(d domain.Draft) domain.Draft { return d })
	requireErr(t, err, errs.KindFailedPrecondition, "PLAN_FROZEN")
	_, err = f.app.UpdateParticipationEvent(as(official), "not-a-uuid", "", nil)
	requireErr(t, err, errs.KindInvalid, "event_id:NOT_UUID")
}
