package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Announcing, opening and closing are for the department's officials and
// admins; each step records its events, kept only when the step is.
func TestLifeCycleSteps(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		caller identity.Claims
		kind   errs.Kind
	}{
		{"official of the department", official, 0},
		{"admin", admin, 0},
		{"official of another department", outsider, errs.KindPermissionDenied},
		{"citizen", citizen, errs.KindPermissionDenied},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			e := f.create(t)
			// A draft is not there for who may not manage it.
			_, err := f.app.AnnounceParticipationEvent(as(tc.caller), e.ID, "")
			if tc.kind != 0 {
				requireErr(t, err, errs.KindNotFound, "EVENT_NOT_FOUND")
				_, err = f.app.AnnounceParticipationEvent(as(official), e.ID, "")
				require.NoError(t, err)
				_, err = f.app.OpenParticipationEvent(as(tc.caller), e.ID, "")
				requireErr(t, err, tc.kind, "")
				f.clock.Set(e.Draft.EntryEndsAt)
				_, err = f.app.CloseParticipationEvent(as(tc.caller), e.ID, "")
				requireErr(t, err, tc.kind, "")
				require.Equal(t, []string{"changed:announced", "committed"}, kinds(f.w.written))
				return
			}
			require.NoError(t, err)
			e, err = f.app.OpenParticipationEvent(as(tc.caller), e.ID, etag.Of(2))
			require.NoError(t, err)
			require.Equal(t, domain.StatusOpen, e.Status)
			f.clock.Set(e.Draft.EntryEndsAt)
			e, err = f.app.CloseParticipationEvent(as(tc.caller), e.ID, etag.Of(3))
			require.NoError(t, err)
			require.Equal(t, domain.StatusClosed, e.Status)
			require.Equal(t, []string{"changed:announced", "committed", "changed:open", "changed:closed"}, kinds(f.w.written))
		})
	}
}

// The announcement commits to the seed before the entry period (A7.3), and
// the events carry ids, codes and hashes only.
func TestAnnounceParticipationEvent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.create(t)
	_, err := f.app.AnnounceParticipationEvent(as(official), e.ID, etag.Of(5))
	requireErr(t, err, errs.KindConflict, "ETAG_MISMATCH")
	require.Empty(t, f.w.written)
	e, err = f.app.AnnounceParticipationEvent(as(official), e.ID, etag.Of(1))
	require.NoError(t, err)
	require.Equal(t, domain.StatusAnnounced, e.Status)
	require.NotEmpty(t, e.SeedCommitment)
	require.Equal(t, domain.ParticipationEventChanged{EventID: e.ID, Status: domain.StatusAnnounced,
		DepartmentCode: "SMG-CULTURE", Purpose: domain.PurposeCulturalEvent, AnnouncementHash: e.AnnouncementHash,
		At: f.clock.Now()}, f.w.written[0])
	require.Equal(t, domain.DrawCommitted{EventID: e.ID, SeedCommitment: e.SeedCommitment, At: f.clock.Now()}, f.w.written[1])
	_, err = f.app.AnnounceParticipationEvent(as(official), e.ID, "")
	requireErr(t, err, errs.KindFailedPrecondition, "ALREADY_ANNOUNCED")

	// Too late: the entry period started.
	late := f.create(t)
	f.clock.Set(start)
	_, err = f.app.AnnounceParticipationEvent(as(official), late.ID, "")
	requireErr(t, err, errs.KindFailedPrecondition, "ANNOUNCE_BEFORE_PERIOD")
}

// Without the announcement a participation event cannot open (A7.3), and
// entries close only after the period, with the digest of the entry list.
func TestOpenAndClose(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := f.create(t)
	_, err := f.app.OpenParticipationEvent(as(official), e.ID, "")
	requireErr(t, err, errs.KindFailedPrecondition, "ANNOUNCE_BEFORE_OPEN")
	e = f.open(t)
	_, err = f.enter(as(citizen), e.ID)
	require.NoError(t, err)
	_, err = f.app.CloseParticipationEvent(as(official), e.ID, "")
	requireErr(t, err, errs.KindFailedPrecondition, "ENTRY_PERIOD_RUNS")
	f.clock.Set(e.Draft.EntryEndsAt)
	e, err = f.app.CloseParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	require.Equal(t, 1, e.EntryCount)
	require.NotEmpty(t, e.EntryListDigest)
	last := f.w.written[len(f.w.written)-1].(domain.ParticipationEventChanged)
	require.Equal(t, domain.StatusClosed, last.Status)
	require.Equal(t, e.EntryListDigest, last.EntryListDigest)
	require.Equal(t, 1, last.EntryCount)
}

// The scheduled closer closes what is due, and only that.
func TestCloseDue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	due := f.open(t)
	later := f.create(t)
	_, err := f.app.UpdateParticipationEvent(as(official), later.ID, "", func(d domain.Draft) domain.Draft {
		d.EntryEndsAt = d.EntryEndsAt.Add(7 * 24 * time.Hour)
		d.OperatingDetails.DrawAt = d.OperatingDetails.DrawAt.Add(7 * 24 * time.Hour)
		d.DrawSources[0].AvailableAfter = d.DrawSources[0].AvailableAfter.Add(7 * 24 * time.Hour)
		return d
	})
	require.NoError(t, err)
	f.clock.Set(start.Add(-time.Hour))
	_, err = f.app.AnnounceParticipationEvent(as(official), later.ID, "")
	require.NoError(t, err)
	n, err := f.app.CloseDue(t.Context())
	require.NoError(t, err)
	require.Zero(t, n)
	f.clock.Set(due.Draft.EntryEndsAt)
	n, err = f.app.CloseDue(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, domain.StatusClosed, f.w.events[due.ID].Status)
	require.Equal(t, domain.StatusAnnounced, f.w.events[later.ID].Status)
}
