package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/event/server"
)

// A10.1: personal data an entrant writes into a text answer is masked
// before the entry is stored, never refused; the entrant is told which
// kinds; the entrant's own name is masked wherever an answer has it; an
// official's delivery note is stored masked too. Nothing of it is left in
// the event database.
func TestA10_1_EntryAnswersAndDeliveryNotesMasked(t *testing.T) {
	t.Parallel()
	h := start(t)
	d := draft()
	d.EntryForm.Questions = append(d.EntryForm.Questions, &eventv1.Question{Id: "q2", Text: text("축제에 바라는 점"),
		Kind: eventv1.QuestionKind_QUESTION_KIND_TEXT})
	e := h.announcedAndOpenWith(t, d)
	ctx := h.as(t, culture)

	r, err := h.api.CreateEntry(h.as(t, citizenA), &eventv1.CreateEntryRequest{EventId: e.GetId(),
		Answers: []*eventv1.Answer{{QuestionId: "q1", Value: "청계천"},
			{QuestionId: "q2", Value: "당첨되면 010-7319-4682 로, 집은 비밀로 77, 101동 1203호 홍길동에게"}},
		Contact: &eventv1.Contact{Name: "홍길동", Phone: "010-1234-5678"}})
	require.NoError(t, err)
	en := r
	require.Equal(t, "당첨되면 010-****-4682 로, 집은 비밀로 *** 홍*동에게", en.GetAnswers()[1].GetValue())
	require.Equal(t, "청계천", en.GetAnswers()[0].GetValue())
	require.True(t, en.GetPersonalDataMasked())
	require.Equal(t, []string{"phone_number", "street_address", "person_name"}, en.GetPersonalDataKinds())
	mine, err := h.api.GetMyEntry(h.as(t, citizenA), &eventv1.GetMyEntryRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, en.GetAnswers(), mine.GetAnswers())
	require.Equal(t, en.GetPersonalDataKinds(), mine.GetPersonalDataKinds())

	h.clock.Set(periodStart.Add(14*24*time.Hour + time.Minute))
	_, err = h.api.CloseParticipationEvent(ctx, &eventv1.CloseParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	h.confirmSources(t, e.GetId())
	_, err = h.api.DrawWinners(ctx, &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	ws, err := h.api.ListWinners(ctx, &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	_, err = h.api.RecordPrizeDelivery(ctx, &eventv1.RecordPrizeDeliveryRequest{EventId: e.GetId(),
		WinnerId: ws.GetWinners()[0].GetId(), Note: "등기 발송, 수령인 연락처 010-8888-9999"})
	require.NoError(t, err)
	for _, secret := range []string{"7319-4682", "비밀로 77", "1203호", "8888-9999", "홍길동"} {
		require.Zero(t, h.count(t, `SELECT count(*) FROM entries WHERE strpos(answers::text, $1) > 0`, secret), secret)
		require.Zero(t, h.count(t, `SELECT count(*) FROM winners WHERE strpos(note, $1) > 0`, secret), secret)
	}
	require.Equal(t, 1, h.count(t, `SELECT count(*) FROM winners WHERE note = '등기 발송, 수령인 연락처 010-****-9999'`))
}

// A10.4: answers stored before the detector are masked when the service
// starts, before it serves.
func TestA10_4_AnswersStoredBeforeScreeningAreMaskedAtStart(t *testing.T) {
	t.Parallel()
	h := start(t)
	e := h.announcedAndOpen(t)
	en, err := h.enter(h.as(t, citizenA), e.GetId(), "홍길동")
	require.NoError(t, err)
	_, err = h.env.Pool.Exec(context.Background(), `UPDATE entries SET text_screened = false,
		answers = '[{"question_id": "q1", "value": "주민번호 850315-1234566"}]' WHERE id = $1`, en.GetId())
	require.NoError(t, err)
	h.env.Stop()

	cfg := server.TestConfig()
	cfg.PrivacyAddr, cfg.Clock = h.priv.Addr, h.clock.Now
	again := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithDatabase(h.env),
		servicetest.WithNATS(h.priv.NATS), servicetest.WithIssuer(h.priv))
	mine, err := eventv1.NewParticipationEventServiceClient(again.Conn).GetMyEntry(again.As(t, citizenA),
		&eventv1.GetMyEntryRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, "주민번호 ******-*******", mine.GetAnswers()[0].GetValue())
	require.Equal(t, []string{"resident_registration_number"}, mine.GetPersonalDataKinds())
	require.Zero(t, h.count(t, `SELECT count(*) FROM entries WHERE strpos(answers::text, '850315') > 0`))
}
