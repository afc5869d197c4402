package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// closedEvent is an announced (v2) participation event whose entries closed.
func closedEvent(t *testing.T) *domain.ParticipationEvent {
	t.Helper()
	e := draftEvent()
	require.NoError(t, announce(t, e, start.Add(-time.Hour)))
	require.NoError(t, e.Open(start))
	require.NoError(t, e.Close(e.Draft.EntryEndsAt, "d", 0))
	return e
}

// TestA7_3_AnnouncementNeedsADrawSource: without a public randomness source
// the draw would rest on the operator's seed alone.
func TestA7_3_AnnouncementNeedsADrawSource(t *testing.T) {
	t.Parallel()
	e := draftEvent()
	e.Draft.DrawSources = nil
	require.True(t, errs.Is(announce(t, e, start.Add(-time.Hour)), errs.KindFailedPrecondition))
	e = draftEvent()
	require.NoError(t, announce(t, e, start.Add(-time.Hour)))
	require.Equal(t, drawproof.AlgorithmV2, e.DrawAlgorithm)
	require.Contains(t, string(e.AnnouncementDocument), `"draw_sources":[{"id":"lotto","kind":"lottery"`)
}

// TestA7_3_DrawSourceValidated: a source must become public only after the
// entry period, at an https reference.
func TestA7_3_DrawSourceValidated(t *testing.T) {
	t.Parallel()
	d := validDraft()
	d.DrawSources = append(d.DrawSources, domain.DrawSource{ID: "lotto", Kind: "dice", Reference: "http://x",
		AvailableAfter: d.EntryEndsAt.Add(-time.Second)})
	names := errstest.Fields(t, d.Validate("draft"))
	require.Subset(t, names, []string{"draft.draw_sources[1].id", "draft.draw_sources[1].kind", "draft.draw_sources[1].name.ko",
		"draft.draw_sources[1].reference", "draft.draw_sources[1].round", "draft.draw_sources[1].available_time"})
}

// TestA7_2_TwoOfficialsConfirmASourceValue: after the close and once the
// source is public, two different officials must enter the same value
// before the draw key exists; one official counts once.
func TestA7_2_TwoOfficialsConfirmASourceValue(t *testing.T) {
	t.Parallel()
	e := closedEvent(t)
	after := e.Draft.DrawSources[0].AvailableAfter
	_, _, err := e.EnterSourceValue("lotto", "off-1", "3 12 25 31 40 45 / 7", after.Add(-time.Second))
	require.True(t, errs.Is(err, errs.KindFailedPrecondition), "not public yet: %v", err)
	_, _, err = e.EnterSourceValue("nope", "off-1", "1", after)
	require.True(t, errs.Is(err, errs.KindNotFound))
	_, _, err = e.EnterSourceValue("lotto", "off-1", "three", after)
	require.True(t, errs.Is(err, errs.KindInvalid))

	_, added, err := e.EnterSourceValue("lotto", "off-1", "3 12 25 31 40 45 / 7", after)
	require.NoError(t, err)
	require.True(t, added)
	_, added, err = e.EnterSourceValue("lotto", "off-1", "45 40 31 25 12 3/7", after)
	require.NoError(t, err)
	require.False(t, added, "the same official repeating the same value")
	_, _, err = e.EnterSourceValue("lotto", "off-1", "1 2 3", after)
	require.True(t, errs.Is(err, errs.KindFailedPrecondition), "an official enters a source once")
	_, err = e.DrawKey()
	require.True(t, errs.Is(err, errs.KindFailedPrecondition), "the draw waits for the second official")

	_, added, err = e.EnterSourceValue("lotto", "off-2", "3.12.25.31.40.45./7./", after)
	require.NoError(t, err)
	require.True(t, added)
	key, err := e.DrawKey()
	require.NoError(t, err)
	require.Equal(t, drawproof.Key(e.Seed, []drawproof.SourceValue{{ID: "lotto", Value: "3.12.25.31.40.45./7./"}}), key)
	require.NotEqual(t, e.SourceValues[0].Official, e.SourceValues[1].Official)
	require.NotContains(t, e.SourceValues[0].Official, "off-1", "officials are pseudonymous in the published draw")
}
