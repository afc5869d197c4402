package domain_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

func draftEvent() *domain.ParticipationEvent {
	return &domain.ParticipationEvent{ID: "e1", Draft: validDraft(), Status: domain.StatusDraft}
}

func announce(t *testing.T, e *domain.ParticipationEvent, now time.Time) error {
	t.Helper()
	return e.Announce(now, bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32))
}

// TestOpenRefusedWithoutAnnouncement covers A7.3.
func TestOpenRefusedWithoutAnnouncement(t *testing.T) {
	t.Parallel()
	e := draftEvent()
	require.True(t, errs.Is(e.Open(start.Add(-time.Hour)), errs.KindFailedPrecondition))
	require.NoError(t, announce(t, e, start.Add(-time.Hour)))
	require.NoError(t, e.Open(start.Add(-time.Minute)))
	require.Equal(t, domain.StatusOpen, e.Status)
}

// TestAnnouncementBeforePeriodOnly covers A7.3: published before the period starts.
func TestAnnouncementBeforePeriodOnly(t *testing.T) {
	t.Parallel()
	e := draftEvent()
	require.True(t, errs.Is(announce(t, e, start), errs.KindFailedPrecondition))
	require.Equal(t, domain.StatusDraft, e.Status)
}

// TestPlanFrozenAfterAnnouncement covers A7.3.
func TestPlanFrozenAfterAnnouncement(t *testing.T) {
	t.Parallel()
	e := draftEvent()
	require.NoError(t, e.Edit(validDraft(), start.Add(-48*time.Hour)))
	require.NoError(t, announce(t, e, start.Add(-24*time.Hour)))
	d := validDraft()
	d.Prizes[0].Count = 1
	require.True(t, errs.Is(e.Edit(d, start.Add(-time.Hour)), errs.KindFailedPrecondition))
	require.Equal(t, 10, e.Draft.Prizes[0].Count)
}

func TestEntriesOnlyDuringThePeriod(t *testing.T) {
	t.Parallel()
	e := draftEvent()
	require.NoError(t, announce(t, e, start.Add(-time.Hour)))
	require.Error(t, e.AcceptsEntries(start))
	require.NoError(t, e.Open(start.Add(-time.Minute)))
	require.Error(t, e.AcceptsEntries(start.Add(-time.Second)))
	require.NoError(t, e.AcceptsEntries(start))
	require.Error(t, e.AcceptsEntries(e.Draft.EntryEndsAt))
	require.Error(t, e.Close(e.Draft.EntryEndsAt.Add(-time.Second), "d", 0))
	require.NoError(t, e.Close(e.Draft.EntryEndsAt, "d", 0))
	require.Error(t, e.AcceptsEntries(start))
	require.NoError(t, e.MarkDrawn(e.Draft.EntryEndsAt.Add(time.Hour), nil))
	require.True(t, e.SeedRevealed())
}

func TestAnnouncementDocumentIsCanonical(t *testing.T) {
	t.Parallel()
	a, err := domain.AnnouncementDocument("e1", validDraft(), "c")
	require.NoError(t, err)
	d := validDraft()
	d.EntryStartsAt = d.EntryStartsAt.In(time.FixedZone("KST", 9*3600))
	d.Title.Texts["zh"], d.Title.Texts["ja"] = "首尔", "ソウル"
	b, err := domain.AnnouncementDocument("e1", d, "c")
	require.NoError(t, err)
	c, err := domain.AnnouncementDocument("e1", d, "c")
	require.NoError(t, err)
	require.Equal(t, b, c)
	require.False(t, bytes.Equal(a, b))
	require.Contains(t, string(b), `"entry_starts_at":"2026-06-01T09:00:00Z"`)
	require.Contains(t, string(b), `"title":{"texts":{"en":"Seoul Lantern Festival quiz","ja":"ソウル","ko":"서울 빛초롱 축제 퀴즈","zh":"首尔"}`)
	require.Contains(t, string(b), `"format":"seoul-event-announcement/v3"`)
}

func TestEntryValidation(t *testing.T) {
	t.Parallel()
	qs := validDraft().Questions
	ok := domain.Contact{Name: "홍길동", Phone: "010-1234-5678"}
	require.NoError(t, domain.ValidateEntry(qs, []domain.Answer{{QuestionID: "q1", Value: "한강"}}, ok))
	require.Contains(t, errstest.Fields(t, domain.ValidateEntry(qs, nil, ok)), "answers")
	require.Contains(t, errstest.Fields(t, domain.ValidateEntry(qs, []domain.Answer{{QuestionID: "q1", Value: "남산"}}, ok)), "answers[0].value")
	require.Contains(t, errstest.Fields(t, domain.ValidateEntry(qs, []domain.Answer{{QuestionID: "q9", Value: "x"}}, ok)), "answers[0].question_id")
	names := errstest.Fields(t, domain.ValidateEntry(qs, []domain.Answer{{QuestionID: "q1", Value: "한강"}}, domain.Contact{Phone: "abc"}))
	require.Subset(t, names, []string{"contact.name", "contact.phone"})
	require.True(t, errs.Is(domain.CheckEligible(domain.Eligibility{RealNameRequired: true}, false), errs.KindPermissionDenied))
}
