package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/event/drawproof"
)

const erasedName = "(삭제된 이용자)"

// winnerSubjects maps the event's winner ids to the entrants' subjects.
func (h *harness) winnerSubjects(t *testing.T, eventID string) map[string]string {
	t.Helper()
	rows, err := h.env.Pool.Query(context.Background(), `SELECT w.id::text, n.subject_id FROM winners w
		JOIN entries n ON n.id = w.entry_id WHERE w.event_id = $1 ORDER BY w.rank`, eventID)
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, subject string
		require.NoError(t, rows.Scan(&id, &subject))
		out[id] = subject
	}
	require.NoError(t, rows.Err())
	return out
}

// erasedTokens counts the subject's entries whose contact tokens are cleared.
func (h *harness) erasedTokens(t *testing.T, subject string) int {
	return h.count(t, `SELECT count(*) FROM entries WHERE subject_id = $1 AND name_token = '' AND phone_token = ''`, subject)
}

// A10.4: when the privacy service erases a subject, the event service
// clears the contact tokens of their entries and the masked name on their
// winner row — once, even if the event is delivered twice — and keeps the
// entry, the winner row and the verifiable draw; other winners keep theirs.
// The second delivery comes after the subject entered again, so a second
// application would show: it would clear the new entry's tokens too.
func TestA10_4_SubjectErasedDropsTokensAndMaskedName(t *testing.T) {
	t.Parallel()
	h := start(t)
	e, _ := h.drawn(t, 4)
	subjects := h.winnerSubjects(t, e.GetId())
	require.Len(t, subjects, 4)
	erased := citizen(1)

	const subject = "seoul.privacy.subject.erased"
	ev := &privacyv1.SubjectErased{SubjectId: erased.Subject, OccurTime: timestamppb.Now()}
	servicetest.PublishEvent(t, h.env.JS, "privacy", subject, "erase-1", ev)
	servicetest.Eventually(t, "tokens cleared", func() bool { return h.erasedTokens(t, erased.Subject) == 1 })

	// The subject enters a later participation event, then the erasure
	// is delivered again; a marker erasure (of nobody's data) published
	// after the copy shows the consumer has handled the copy.
	h.clock.Set(periodStart.Add(-time.Hour))
	later := h.announcedAndOpen(t)
	_, err := h.enter(h.as(t, erased), later.GetId(), "이민준")
	require.NoError(t, err)
	servicetest.PublishDuplicate(t, h.env.JS, "privacy", subject, "erase-1", ev)
	servicetest.PublishEvent(t, h.env.JS, "privacy", subject, "erase-marker",
		&privacyv1.SubjectErased{SubjectId: "nobody", OccurTime: timestamppb.Now()})
	servicetest.Eventually(t, "the marker handled", func() bool {
		return h.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'privacy-erasure' AND event_id = 'erase-marker'`) == 1
	})
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'privacy-erasure' AND event_id = 'erase-1'`))
	require.Equal(t, 1, h.erasedTokens(t, erased.Subject), "the copy is not applied a second time")
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM entries WHERE event_id = $1 AND subject_id = $2
		AND name_token <> '' AND phone_token <> ''`, later.GetId(), erased.Subject), "the later entry keeps its tokens")

	public, err := h.api.ListWinners(context.Background(), &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	staff, err := h.api.ListWinners(h.as(t, culture), &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Len(t, public.GetWinners(), 4, "the winner rows stay")
	for i, w := range public.GetWinners() {
		tokens := staff.GetWinners()[i].GetContactTokens()
		if subjects[w.GetId()] == erased.Subject {
			require.Equal(t, erasedName, w.GetMaskedName())
			require.Empty(t, tokens)
			continue
		}
		require.Contains(t, w.GetMaskedName(), "*", "another subject's name is untouched")
		require.Len(t, tokens, 2, "another subject's tokens are untouched")
	}
	require.Equal(t, 3, h.count(t, `SELECT count(*) FROM entries WHERE event_id = $1 AND name_token <> '' AND phone_token <> ''`, e.GetId()))

	mine, err := h.api.GetMyEntry(h.as(t, erased), &eventv1.GetMyEntryRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.True(t, mine.GetWon(), "the entry and its result stay")
	in, err := h.api.GetDrawInputs(context.Background(), &eventv1.GetDrawInputsRequest{EventId: e.GetId()})
	require.NoError(t, err)
	body, err := protojson.Marshal(in)
	require.NoError(t, err)
	decoded, err := drawproof.DecodeInputs(body)
	require.NoError(t, err)
	require.True(t, drawproof.Verify(decoded).OK(), "the draw still verifies")
}

// A10.4: an entrant who erases their data through the privacy service
// before the draw stays in the draw without a name: the draw neither asks
// the privacy service for the shredded name nor fails.
func TestA10_4_EntrantErasedBeforeTheDrawIsDrawnWithoutName(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.announcedAndOpen(t)
	for i := range 3 {
		_, err := h.enter(h.as(t, citizen(i)), e.GetId(), familyNames[i]+"민준")
		require.NoError(t, err)
	}
	erased := citizen(0)
	_, err := privacyv1.NewPrivacyServiceClient(h.priv.Conn).EraseSubject(h.priv.As(t, erased),
		&privacyv1.EraseSubjectRequest{SubjectId: erased.Subject})
	require.NoError(t, err)
	servicetest.Eventually(t, "tokens cleared", func() bool { return h.erasedTokens(t, erased.Subject) == 1 })
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM inbox WHERE consumer = 'privacy-erasure'`))

	h.clock.Set(periodStart.Add(15 * 24 * time.Hour))
	ctx := h.as(t, culture)
	_, err = h.api.CloseParticipationEvent(ctx, &eventv1.CloseParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	h.confirmSources(t, e.GetId())
	_, err = h.api.DrawWinners(ctx, &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)

	subjects := h.winnerSubjects(t, e.GetId())
	staff, err := h.api.ListWinners(ctx, &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Len(t, staff.GetWinners(), 3)
	for _, w := range staff.GetWinners() {
		if subjects[w.GetId()] == erased.Subject {
			require.Equal(t, erasedName, w.GetMaskedName())
			require.Empty(t, w.GetContactTokens())
			continue
		}
		require.Contains(t, w.GetMaskedName(), "*")
		require.Len(t, w.GetContactTokens(), 2)
	}
}
