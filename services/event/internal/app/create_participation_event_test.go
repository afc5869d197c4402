package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Officials create drafts for their own department, admins for any; the
// plan must fit the year's programme budget (A7.2).
func TestCreateParticipationEvent(t *testing.T) {
	t.Parallel()
	over := func(d domain.Draft) domain.Draft { d.Budget = 9_500_000; return d }
	for _, tc := range []struct {
		name   string
		caller identity.Claims
		draft  func(domain.Draft) domain.Draft
		kind   errs.Kind
		reason string
	}{
		{"official of the department", official, nil, 0, ""},
		{"admin", admin, nil, 0, ""},
		{"citizen", citizen, nil, errs.KindPermissionDenied, ""},
		{"anonymous", anon, nil, errs.KindUnauthenticated, ""},
		{"official of another department", outsider, nil, errs.KindPermissionDenied, ""},
		{"bad draft", official, func(d domain.Draft) domain.Draft { d.Title = ko(""); return d }, errs.KindInvalid, "draft.title.ko:KOREAN_REQUIRED"},
		{"without a programme budget", official, func(d domain.Draft) domain.Draft { d.BudgetYear = 2027; return d },
			errs.KindFailedPrecondition, "NO_PROGRAMME_BUDGET"},
		{"up to the programme budget", official, func(d domain.Draft) domain.Draft { return over(d) }, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			d := draft()
			if tc.draft != nil {
				d = tc.draft(d)
			}
			e, err := f.app.CreateParticipationEvent(as(tc.caller), "", d)
			if tc.kind != 0 {
				requireErr(t, err, tc.kind, tc.reason)
				require.Empty(t, f.w.events)
				return
			}
			require.NoError(t, err)
			require.Equal(t, domain.StatusDraft, e.Status)
			require.Equal(t, tc.caller.Subject, e.CreatedBy)
			require.Empty(t, f.w.written, "a draft publishes nothing")
		})
	}
}

// The year's participation events together stay within its programme
// budget (A7.2).
func TestCreateParticipationEventKeepsTheProgrammeBudget(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := draft()
	d.Budget = 6_000_000
	_, err := f.app.CreateParticipationEvent(as(official), "", d)
	require.NoError(t, err)
	_, err = f.app.CreateParticipationEvent(as(official), "", d)
	requireErr(t, err, errs.KindFailedPrecondition, "PROGRAMME_BUDGET_EXCEEDED")
	require.Len(t, f.w.events, 1)
}

// A repeated request id returns the first draft; another creator's equal
// id makes their own.
func TestCreateParticipationEventRequestID(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	first, err := f.app.CreateParticipationEvent(as(official), "req-1", draft())
	require.NoError(t, err)
	again, err := f.app.CreateParticipationEvent(as(official), "req-1", draft())
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID)
	other, err := f.app.CreateParticipationEvent(as(second), "req-1", draft())
	require.NoError(t, err)
	require.NotEqual(t, first.ID, other.ID)
	require.Len(t, f.w.events, 2)
}
