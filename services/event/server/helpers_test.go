package server_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/timestamppb"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/event/server"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

var periodStart = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

// harness is a running event service with a real privacy service.
type harness struct {
	env   *servicetest.Env
	priv  *servicetest.Env
	clock *clock.Fake
	api   eventv1.ParticipationEventServiceClient
}

func start(t *testing.T, tune ...func(*server.Config)) *harness {
	t.Helper()
	priv := servicetest.Start(t, privacyserver.SpecWith(privacyserver.TestConfig()))
	clk := clock.NewFake(periodStart.Add(-7 * 24 * time.Hour))
	cfg := server.TestConfig()
	cfg.PrivacyAddr, cfg.Clock = priv.Addr, clk.Now
	for _, fn := range tune {
		fn(cfg)
	}
	env := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv))
	return &harness{env: env, priv: priv, clock: clk, api: eventv1.NewParticipationEventServiceClient(env.Conn)}
}

var (
	admin    = servicetest.Admin("admin-1")
	culture  = servicetest.Official("off-culture", "SMG-CULTURE")
	transit  = servicetest.Official("off-transport", "SMG-TRANSPORT")
	citizenA = servicetest.Citizen("citizen-a")
)

func (h *harness) as(t *testing.T, c identity.Claims) context.Context { return h.env.As(t, c) }

func (h *harness) setProgramme(t *testing.T, year int32, amount int64) {
	t.Helper()
	_, err := h.api.SetProgrammeBudget(h.as(t, admin), &eventv1.SetProgrammeBudgetRequest{Year: year, Amount: amount})
	require.NoError(t, err)
}

func text(ko string) *eventv1.LocalizedText { return &eventv1.LocalizedText{Ko: ko} }

// draft is a valid cultural-event draft of SMG-CULTURE for 2026: ten gift
// certificates of 50,000 KRW and mileage of 5,000 points for everyone else
// up to 20 winners, within a budget of 1,000,000 KRW.
func draft() *eventv1.ParticipationEventDraft {
	return &eventv1.ParticipationEventDraft{
		Purpose:     eventv1.Purpose_PURPOSE_CULTURAL_EVENT,
		Title:       &eventv1.LocalizedText{Ko: "서울 빛초롱 축제 퀴즈", En: "Seoul Lantern Festival quiz"},
		Description: text("축제 퀴즈에 참여하고 상품을 받으세요."), DepartmentCode: "SMG-CULTURE",
		EntryStartTime: timestamppb.New(periodStart), EntryEndTime: timestamppb.New(periodStart.Add(14 * 24 * time.Hour)),
		Eligibility: &eventv1.Eligibility{RealNameRequired: true, Description: text("실명 인증한 시민")},
		EntryForm: &eventv1.EntryForm{Questions: []*eventv1.Question{{Id: "q1", Text: text("축제 장소는?"),
			Kind: eventv1.QuestionKind_QUESTION_KIND_CHOICE, Required: true, Choices: []string{"청계천", "한강"}}}},
		OperatingDetails: &eventv1.OperatingDetails{DrawTime: timestamppb.New(periodStart.Add(15 * 24 * time.Hour)),
			DeliveryMethod: text("모바일 상품권 발송, 마일리지 적립"), Contact: "문화정책과 02-2133-0000"},
		BudgetYear: 2026, Budget: 1_000_000,
		Prizes: []*eventv1.Prize{
			{Id: "gift", Kind: eventv1.PrizeKind_PRIZE_KIND_GIFT_CERTIFICATE, Name: text("온누리상품권"), UnitValue: 50_000, Count: 10},
			{Id: "mileage", Kind: eventv1.PrizeKind_PRIZE_KIND_MILEAGE, Name: text("서울 마일리지"), UnitValue: 5_000, Count: 10},
		},
		DrawSources: []*eventv1.DrawSource{{Id: "lotto", Kind: eventv1.DrawSourceKind_DRAW_SOURCE_KIND_LOTTERY,
			Name: text("연금복권720+ 제300회"), Reference: "https://dhlottery.co.kr/", Round: "300",
			AvailableTime: timestamppb.New(periodStart.Add(14 * 24 * time.Hour))}},
	}
}

// lotteryNumbers is the draw source's public value in the tests.
const lotteryNumbers = "3 12 25 31 40 45 / 7"

// confirmSources has two officials (the department's and an admin) enter
// every draw source's value, as the draw requires after the close (A7).
func (h *harness) confirmSources(t *testing.T, eventID string) {
	t.Helper()
	for _, who := range []identity.Claims{culture, admin} {
		_, err := h.api.EnterDrawSourceValue(h.as(t, who), &eventv1.EnterDrawSourceValueRequest{EventId: eventID,
			SourceId: "lotto", Value: lotteryNumbers})
		require.NoError(t, err)
	}
}

func (h *harness) create(t *testing.T, d *eventv1.ParticipationEventDraft) *eventv1.ParticipationEvent {
	t.Helper()
	r, err := h.api.CreateParticipationEvent(h.as(t, culture), &eventv1.CreateParticipationEventRequest{Draft: d})
	require.NoError(t, err)
	return r
}

// announcedAndOpen creates, announces and opens a participation event and
// moves the clock into its entry period.
func (h *harness) announcedAndOpen(t *testing.T) *eventv1.ParticipationEvent {
	t.Helper()
	return h.announcedAndOpenWith(t, draft())
}

// announcedAndOpenWith is announcedAndOpen for draft d.
func (h *harness) announcedAndOpenWith(t *testing.T, d *eventv1.ParticipationEventDraft) *eventv1.ParticipationEvent {
	t.Helper()
	h.setProgramme(t, 2026, 10_000_000)
	e := h.create(t, d)
	ctx := h.as(t, culture)
	_, err := h.api.AnnounceParticipationEvent(ctx, &eventv1.AnnounceParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	_, err = h.api.OpenParticipationEvent(ctx, &eventv1.OpenParticipationEventRequest{EventId: e.GetId()})
	require.NoError(t, err)
	h.clock.Set(periodStart.Add(time.Hour))
	return e
}

func (h *harness) enter(ctx context.Context, eventID string, name string) (*eventv1.Entry, error) {
	r, err := h.api.CreateEntry(ctx, &eventv1.CreateEntryRequest{EventId: eventID,
		Answers: []*eventv1.Answer{{QuestionId: "q1", Value: "청계천"}},
		Contact: &eventv1.Contact{Name: name, Phone: "010-1234-5678"}})
	return r, err
}

func (h *harness) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, h.env.Pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

func citizen(i int) identity.Claims { return servicetest.Citizen(fmt.Sprintf("citizen-%03d", i)) }
