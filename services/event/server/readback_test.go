package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func requireSameProto(t *testing.T, want, got proto.Message) {
	t.Helper()
	require.True(t, proto.Equal(want, got), "written:\n%s\nread back:\n%s", prototext.Format(want), prototext.Format(got))
}

// requireStored re-reads the participation event a write returned and
// requires it to be identical: what the domain computed was persisted and
// is read back.
func (h *harness) requireStored(t *testing.T, who identity.Claims, written *eventv1.ParticipationEvent) {
	t.Helper()
	got, err := h.api.GetParticipationEvent(h.as(t, who), &eventv1.GetParticipationEventRequest{EventId: written.GetId()})
	require.NoError(t, err)
	requireSameProto(t, written, got)
}

// fullDraft uses every field of a draft, so a field lost on the way to the
// database shows.
func fullDraft() *eventv1.ParticipationEventDraft {
	d := draft()
	d.Title.Others = map[string]string{"ja": "ソウル灯り祭りクイズ", "zh": "首尔灯节问答"}
	d.Description.En = "Join the quiz"
	d.EntryForm.Questions = append(d.EntryForm.Questions, &eventv1.Question{Id: "q2",
		Text: &eventv1.LocalizedText{Ko: "소감", En: "Comments"}, Kind: eventv1.QuestionKind_QUESTION_KIND_TEXT})
	d.OperatingDetails.WinnersAnnounceTime = timestamppb.New(periodStart.Add(16 * 24 * time.Hour))
	d.OperatingDetails.Notes = &eventv1.LocalizedText{Ko: "중복 응모 불가", En: "One entry per person"}
	d.Prizes = append(d.Prizes, &eventv1.Prize{Id: "goods", Kind: eventv1.PrizeKind_PRIZE_KIND_GOODS,
		Name: &eventv1.LocalizedText{Ko: "기념품", En: "Souvenir"}, UnitValue: 10_000, Count: 1})
	return d
}

// TestA7_EveryWriteIsReadBack (A7.1, A7.2, A7.3): after each write of a
// participation event's life — create, update, announce, open, entry,
// close, draw, delivery, programme budget — the reads (GetParticipationEvent,
// GetAnnouncement, GetMyEntry, ListWinners, GetBudgetReport) return
// exactly what the write returned.
func TestA7_EveryWriteIsReadBack(t *testing.T) {
	t.Parallel()
	h := start(t)
	pb, err := h.api.SetProgrammeBudget(h.as(t, admin), &eventv1.SetProgrammeBudgetRequest{Year: 2026, Amount: 5_000_000})
	require.NoError(t, err)
	ctx := h.as(t, culture)
	created, err := h.api.CreateParticipationEvent(ctx, &eventv1.CreateParticipationEventRequest{RequestId: "rb", Draft: fullDraft()})
	require.NoError(t, err)
	e := created
	requireSameProto(t, fullDraft(), e.GetDraft())
	h.requireStored(t, culture, e)
	rep, err := h.api.GetBudgetReport(ctx, &eventv1.GetBudgetReportRequest{Year: 2026})
	require.NoError(t, err)
	require.Equal(t, pb.GetProgrammeBudget().GetAmount(), rep.GetProgrammeBudget())
	require.EqualValues(t, 1_000_000, rep.GetAllocated())

	d := fullDraft()
	d.Budget, d.Title.En = 900_000, "Lantern quiz"
	upd, err := h.api.UpdateParticipationEvent(ctx, &eventv1.UpdateParticipationEventRequest{EventId: e.GetId(), Draft: d})
	require.NoError(t, err)
	h.requireStored(t, culture, upd)
	requireSameProto(t, d, upd.GetDraft())

	ann, err := h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	h.requireStored(t, citizenA, ann.GetParticipationEvent())
	doc, err := h.api.GetAnnouncement(context.Background(), &eventv1.GetAnnouncementRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Equal(t, ann.GetParticipationEvent().GetAnnouncementHash(), doc.GetHash())
	require.True(t, ann.GetParticipationEvent().GetAnnounceTime().AsTime().Equal(doc.GetAnnounceTime().AsTime()))

	opened, err := h.api.OpenParticipationEvent(ctx, &eventv1.OpenParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	h.requireStored(t, citizenA, opened.GetParticipationEvent())

	h.clock.Set(periodStart.Add(time.Hour))
	en, err := h.api.CreateEntry(h.as(t, citizenA), &eventv1.CreateEntryRequest{EventId: e.GetId(),
		Answers: []*eventv1.Answer{{QuestionId: "q1", Value: "한강"}, {QuestionId: "q2", Value: "재미있어요"}},
		Contact: &eventv1.Contact{Name: "김민준", Phone: "010-1234-5678"}})
	require.NoError(t, err)
	mine, err := h.api.GetMyEntry(h.as(t, citizenA), &eventv1.GetMyEntryRequest{EventId: e.GetId()})
	require.NoError(t, err)
	requireSameProto(t, en, mine)

	h.clock.Set(periodStart.Add(14*24*time.Hour + time.Minute))
	closed, err := h.api.CloseParticipationEvent(ctx, &eventv1.CloseParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	h.requireStored(t, citizenA, closed.GetParticipationEvent())

	h.confirmSources(t, e.GetId())
	drawn, err := h.api.DrawWinners(ctx, &eventv1.DrawWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	h.requireStored(t, citizenA, drawn.GetParticipationEvent())
	mine, err = h.api.GetMyEntry(h.as(t, citizenA), &eventv1.GetMyEntryRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.True(t, mine.GetWon())

	staff, err := h.api.ListWinners(ctx, &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	require.Len(t, staff.GetWinners(), 1)
	require.Equal(t, mine.GetWinnerId(), staff.GetWinners()[0].GetId())
	// Slots fill in plan order, so the only entrant wins the first prize
	// line: a gift certificate, which an official records as delivered.
	require.Equal(t, "gift", staff.GetWinners()[0].GetPrizeId())
	require.Equal(t, eventv1.PrizeKind_PRIZE_KIND_GIFT_CERTIFICATE, staff.GetWinners()[0].GetPrizeKind())
	require.False(t, staff.GetWinners()[0].GetDelivered(), "not delivered until recorded")
	del, err := h.api.RecordPrizeDelivery(ctx, &eventv1.RecordPrizeDeliveryRequest{EventId: e.GetId(),
		WinnerId: staff.GetWinners()[0].GetId(), Note: "택배 발송"})
	require.NoError(t, err)
	require.True(t, del.GetWinner().GetDelivered())
	require.NotNil(t, del.GetWinner().GetDeliverTime())
	staff, err = h.api.ListWinners(ctx, &eventv1.ListWinnersRequest{EventId: e.GetId()})
	require.NoError(t, err)
	requireSameProto(t, del.GetWinner(), staff.GetWinners()[0])
	rep, err = h.api.GetBudgetReport(ctx, &eventv1.GetBudgetReportRequest{Year: 2026})
	require.NoError(t, err)
	line := rep.GetEvents()[0]
	require.EqualValues(t, 900_000, line.GetBudget())
	require.Equal(t, staff.GetWinners()[0].GetUnitValue(), line.GetAwarded())
	require.Equal(t, staff.GetWinners()[0].GetUnitValue(), line.GetDelivered())
}

// TestA7_1_ControlCharactersAndBlankTextAreBadInput (A7.1): control
// characters in any text (NUL itself is refused by the platform before the
// service), Korean text made only of spaces and a malformed department
// filter are InvalidArgument naming the field, and nothing is stored.
func TestA7_1_ControlCharactersAndBlankTextAreBadInput(t *testing.T) {
	t.Parallel()
	h := start(t)
	h.setProgramme(t, 2026, 10_000_000)
	d := draft()
	d.Title.Ko = "   "
	d.Description.Ko = "설명\a"
	d.Title.Others = map[string]string{"ja": "\a"}
	d.OperatingDetails.Contact = "02\a"
	d.EntryForm.Questions[0].Choices[1] = "  "
	_, err := h.api.CreateParticipationEvent(h.as(t, culture), &eventv1.CreateParticipationEventRequest{RequestId: "r\a", Draft: d})
	for _, f := range []string{"request_id", "draft.title.ko", "draft.description.ko", "draft.title.others.ja",
		"draft.operating_details.contact", "draft.entry_form.questions[0].choices[1]"} {
		servicetest.RequireInvalidField(t, err, f)
	}
	_, err = h.api.ListParticipationEvents(context.Background(), &eventv1.ListParticipationEventsRequest{DepartmentCode: "\a"})
	servicetest.RequireInvalidField(t, err, "department_code")
	require.Zero(t, h.count(t, `SELECT count(*) FROM participation_events`))

	e := h.announcedAndOpen(t)
	_, err = h.api.CreateEntry(h.as(t, citizenA), &eventv1.CreateEntryRequest{EventId: e.GetId(),
		Answers: []*eventv1.Answer{{QuestionId: "q1", Value: "   "}},
		Contact: &eventv1.Contact{Name: "김\a", Phone: "010-1234-5678"}})
	servicetest.RequireInvalidField(t, err, "answers")
	servicetest.RequireInvalidField(t, err, "contact.name")
	_, err = h.api.RecordPrizeDelivery(h.as(t, culture), &eventv1.RecordPrizeDeliveryRequest{EventId: e.GetId(),
		WinnerId: "00000000-0000-4000-8000-000000000000", Note: "\a"})
	servicetest.RequireInvalidField(t, err, "note")
	require.Zero(t, h.count(t, `SELECT count(*) FROM entries`))
}
