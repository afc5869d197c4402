package app_test

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/client/clienttest"
)

// In-memory fakes of the ports. Like the store, an Update runs its closure
// on a copy and keeps it (with the source values and winners it added and
// the events it recorded) only when the closure returns nil, as a
// rolled-back transaction would.

type world struct {
	events   map[string]*domain.ParticipationEvent
	requests map[[2]string]string
	budgets  map[int]int64
	entries  map[string][]domain.Entry
	winners  map[string][]domain.Winner
	// written are the events of committed changes, in order (the outbox).
	written []domain.Event
	// listed and page are what the last List asked for.
	listed app.ListFilter
	page   pagetoken.Page
}

// clone copies e as the store loads it: the draft through JSON (as it is
// stored), nothing drawn yet.
func clone(e *domain.ParticipationEvent) *domain.ParticipationEvent {
	c := *e
	b, err := json.Marshal(e.Draft)
	if err != nil {
		panic(err)
	}
	c.Draft = domain.Draft{}
	if err := json.Unmarshal(b, &c.Draft); err != nil {
		panic(err)
	}
	c.SourceValues, c.Drawn = slices.Clone(e.SourceValues), nil
	return &c
}

func (w *world) get(id string) (*domain.ParticipationEvent, error) {
	e, ok := w.events[id]
	if !ok {
		return nil, errs.NotFound("EVENT_NOT_FOUND", "id", id)
	}
	return e, nil
}

// keep stores e and writes the events it recorded after the first seen.
func (w *world) keep(e *domain.ParticipationEvent, seen int) {
	w.events[e.ID] = e
	w.written = append(w.written, e.Events()[seen:]...)
	w.winners[e.ID] = append(w.winners[e.ID], e.Drawn...)
}

func (w *world) allocated(year int, except string) int64 {
	var sum int64
	for _, e := range w.events {
		if e.Draft.BudgetYear == year && e.ID != except {
			sum += e.Draft.Budget
		}
	}
	return sum
}

func (w *world) year(year int, except string) (domain.ProgrammeBudget, error) {
	amount, ok := w.budgets[year]
	if !ok {
		return domain.ProgrammeBudget{}, errs.FailedPrecondition("NO_PROGRAMME_BUDGET", "year", year)
	}
	return domain.ProgrammeBudget{Year: year, Amount: amount, Allocated: w.allocated(year, except)}, nil
}

type fakeEvents struct{ *world }

func (f fakeEvents) Create(_ context.Context, e *domain.ParticipationEvent, requestID string, fits func(domain.ProgrammeBudget) error) (*domain.ParticipationEvent, error) {
	if id, ok := f.requests[[2]string{e.CreatedBy, requestID}]; ok && requestID != "" {
		return clone(f.events[id]), nil
	}
	year, err := f.year(e.Draft.BudgetYear, "")
	if err != nil {
		return nil, err
	}
	if err := fits(year); err != nil {
		return nil, err
	}
	f.keep(clone(e), 0)
	f.requests[[2]string{e.CreatedBy, requestID}] = e.ID
	return clone(e), nil
}

func (f fakeEvents) Get(_ context.Context, id string) (*domain.ParticipationEvent, error) {
	e, err := f.get(id)
	if err != nil {
		return nil, err
	}
	return clone(e), nil
}

func (f fakeEvents) List(_ context.Context, filter app.ListFilter, p pagetoken.Page) ([]*domain.ParticipationEvent, string, error) {
	f.listed, f.page = filter, p
	var out []*domain.ParticipationEvent
	for _, e := range f.sorted() {
		if e.Public() || filter.AllDrafts || e.Draft.DepartmentCode == filter.DraftsOf {
			out = append(out, clone(e))
		}
	}
	return out, "", nil
}

func (f fakeEvents) UpdatePlan(_ context.Context, id string, fn func(*domain.ParticipationEvent, domain.ProgrammeBudget) error) (*domain.ParticipationEvent, error) {
	stored, err := f.get(id)
	if err != nil {
		return nil, err
	}
	year, err := f.year(stored.Draft.BudgetYear, id)
	if err != nil {
		return nil, err
	}
	e := clone(stored)
	if err := fn(e, year); err != nil {
		return nil, err
	}
	e.Revision++
	f.keep(e, len(stored.Events()))
	return clone(e), nil
}

func (f fakeEvents) Update(_ context.Context, id string, fn func(*domain.ParticipationEvent, app.Entrants) error) (*domain.ParticipationEvent, error) {
	stored, err := f.get(id)
	if err != nil {
		return nil, err
	}
	e, err := f.step(stored, fn)
	if err != nil {
		return nil, err
	}
	return clone(e), nil
}

func (f fakeEvents) step(stored *domain.ParticipationEvent, fn func(*domain.ParticipationEvent, app.Entrants) error) (*domain.ParticipationEvent, error) {
	e := clone(stored)
	if err := fn(e, entrants{f.world, e.ID}); err != nil {
		return nil, err
	}
	if e.Status != stored.Status {
		e.Revision++
	}
	drawn := e.Drawn
	f.keep(e, len(stored.Events()))
	e.Drawn = drawn
	return e, nil
}

func (f fakeEvents) ClaimDueForClose(_ context.Context, now time.Time, limit int, fn func(*domain.ParticipationEvent, app.Entrants) error) (int, error) {
	claimed := 0
	for _, stored := range f.sorted() {
		due := (stored.Status == domain.StatusAnnounced || stored.Status == domain.StatusOpen) && !stored.Draft.EntryEndsAt.After(now)
		if claimed == limit || !due {
			continue
		}
		claimed++
		if _, err := f.step(stored, fn); err != nil {
			return claimed, err
		}
	}
	return claimed, nil
}

func (f fakeEvents) sorted() []*domain.ParticipationEvent {
	out := slices.Collect(maps.Values(f.events))
	slices.SortFunc(out, func(a, b *domain.ParticipationEvent) int { return strings.Compare(a.ID, b.ID) })
	return out
}

type entrants struct {
	w  *world
	id string
}

func (e entrants) EntryIDs(ctx context.Context) ([]string, error) {
	return fakeEntries{e.w}.IDs(ctx, e.id)
}

type fakeEntries struct{ *world }

func (f fakeEntries) Create(_ context.Context, en *domain.Entry, accept func(*domain.ParticipationEvent) error) (*domain.Entry, error) {
	e, err := f.get(en.EventID)
	if err != nil {
		return nil, err
	}
	if err := accept(clone(e)); err != nil {
		return nil, err
	}
	for _, prev := range f.entries[en.EventID] {
		if prev.SubjectID == en.SubjectID {
			return &prev, nil
		}
	}
	f.entries[en.EventID] = append(f.entries[en.EventID], *en)
	f.written = append(f.written, en.Events()...)
	return en, nil
}

func (f fakeEntries) Mine(_ context.Context, eventID, subjectID string) (*domain.Entry, error) {
	for _, en := range f.entries[eventID] {
		if en.SubjectID == subjectID {
			for _, w := range f.winners[eventID] {
				if w.EntryID == en.ID {
					en.WinnerID, en.PrizeID = w.ID, w.PrizeID
				}
			}
			return &en, nil
		}
	}
	return nil, errs.NotFound("NO_ENTRY_OF_YOURS", "id", eventID)
}

func (f fakeEntries) IDs(_ context.Context, eventID string) ([]string, error) {
	var ids []string
	for _, en := range f.entries[eventID] {
		ids = append(ids, en.ID)
	}
	slices.Sort(ids)
	return ids, nil
}

func (f fakeEntries) Proofs(_ context.Context, eventID string) ([]domain.Entry, error) {
	out := slices.Clone(f.entries[eventID])
	slices.SortFunc(out, func(a, b domain.Entry) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func (f fakeEntries) ByID(_ context.Context, eventID string, ids []string) (map[string]domain.Entry, error) {
	out := map[string]domain.Entry{}
	for _, en := range f.entries[eventID] {
		if slices.Contains(ids, en.ID) {
			out[en.ID] = en
		}
	}
	return out, nil
}

func (f fakeEntries) ForgetSubject(_ context.Context, subjectID, replacement string) error {
	for id, list := range f.entries {
		for i, en := range list {
			if en.SubjectID != subjectID {
				continue
			}
			list[i].Contact = domain.ContactTokens{}
			for j, w := range f.winners[id] {
				if w.EntryID == en.ID {
					f.winners[id][j].MaskedName, f.winners[id][j].Contact = replacement, domain.ContactTokens{}
				}
			}
		}
	}
	return nil
}

type fakeWinners struct{ *world }

func (f fakeWinners) List(_ context.Context, eventID string) ([]domain.Winner, error) {
	out := slices.Clone(f.winners[eventID])
	slices.SortFunc(out, func(a, b domain.Winner) int { return a.Rank - b.Rank })
	return out, nil
}

func (f fakeWinners) Update(_ context.Context, eventID, winnerID string, fn func(*domain.Winner) error) (*domain.Winner, error) {
	if _, err := f.get(eventID); err != nil {
		return nil, err
	}
	for i, stored := range f.winners[eventID] {
		if stored.ID == winnerID {
			w := stored
			if err := fn(&w); err != nil {
				return nil, err
			}
			f.winners[eventID][i] = w
			return &w, nil
		}
	}
	return nil, errs.NotFound("WINNER_NOT_FOUND", "id", winnerID)
}

type fakeBudgets struct{ *world }

func (f fakeBudgets) Update(_ context.Context, year int, fn func(*domain.ProgrammeBudget) error) (domain.ProgrammeBudget, error) {
	pb := domain.ProgrammeBudget{Year: year, Amount: f.budgets[year], Allocated: f.allocated(year, "")}
	if err := fn(&pb); err != nil {
		return domain.ProgrammeBudget{}, err
	}
	f.budgets[year] = pb.Amount
	return pb, nil
}

func (f fakeBudgets) Report(_ context.Context, year int) (domain.BudgetReport, error) {
	amount, ok := f.budgets[year]
	if !ok {
		return domain.BudgetReport{}, errs.NotFound("NO_PROGRAMME_BUDGET", "year", year)
	}
	r := domain.BudgetReport{Year: year, ProgrammeBudget: amount}
	for _, e := range (fakeEvents{f.world}).sorted() {
		if e.Draft.BudgetYear == year {
			r.Events = append(r.Events, domain.EventBudget{EventID: e.ID, Budget: e.Draft.Budget, Planned: e.Draft.PrizeTotal()})
		}
	}
	return r, nil
}

// fixture is the use cases over fresh fakes, a fake clock and vault.
type fixture struct {
	app     *app.App
	w       *world
	privacy *clienttest.Fake
	clock   *clock.Fake
}

// start is when the fixture's entry period starts; the clock stands a
// week before it.
var start = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	w := &world{events: map[string]*domain.ParticipationEvent{}, requests: map[[2]string]string{},
		budgets: map[int]int64{2026: 10_000_000}, entries: map[string][]domain.Entry{}, winners: map[string][]domain.Winner{}}
	f := &fixture{w: w, privacy: clienttest.New(), clock: clock.NewFake(start.Add(-7 * 24 * time.Hour))}
	f.app = app.New(app.Ports{ParticipationEvents: fakeEvents{w}, Entries: fakeEntries{w}, Winners: fakeWinners{w},
		ProgrammeBudgets: fakeBudgets{w}, Privacy: f.privacy, Random: zeros{}}, app.Settings{}, f.clock.Now)
	return f
}

// zeros is a fixed random source.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 7
	}
	return len(p), nil
}

// The callers.
var (
	admin    = identity.Claims{Subject: "admin-1", Roles: []identity.Role{identity.RoleAdmin}}
	official = identity.Claims{Subject: "official-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CULTURE"}
	second   = identity.Claims{Subject: "official-2", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CULTURE"}
	outsider = identity.Claims{Subject: "official-9", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-WELFARE"}
	citizen  = identity.Claims{Subject: "citizen-1", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true}
	anon     = identity.Claims{}
)

func as(c identity.Claims) context.Context { return identity.With(context.Background(), c) }

// citizenN is another real-name verified citizen.
func citizenN(n int) identity.Claims {
	c := citizen
	c.Subject = "citizen-" + string(rune('a'+n))
	return c
}

// draft is a valid plan of SMG-CULTURE within the 2026 programme budget.
func draft() domain.Draft {
	return domain.Draft{
		Purpose:        domain.PurposeCulturalEvent,
		Title:          ko("서울 빛초롱 축제 퀴즈"),
		Description:    ko("축제 퀴즈에 참여하세요."),
		DepartmentCode: "SMG-CULTURE",
		EntryStartsAt:  start, EntryEndsAt: start.Add(14 * 24 * time.Hour),
		Eligibility: domain.Eligibility{RealNameRequired: true, Description: ko("서울 시민")},
		Questions: []domain.Question{
			{ID: "q1", Text: ko("축제가 열리는 곳은?"), Kind: domain.QuestionChoice, Required: true, Choices: []string{"청계천", "한강"}},
			{ID: "q2", Text: ko("한마디"), Kind: domain.QuestionText},
		},
		OperatingDetails: domain.OperatingDetails{DrawAt: start.Add(15 * 24 * time.Hour),
			DeliveryMethod: ko("모바일 상품권 발송, 마일리지 적립"), Contact: "문화정책과 02-120"},
		BudgetYear: 2026, Budget: 1_000_000,
		Prizes: []domain.Prize{
			{ID: "p1", Kind: domain.PrizeGiftCertificate, Name: ko("온누리상품권"), UnitValue: 50_000, Count: 1},
			{ID: "p2", Kind: domain.PrizeMileage, Name: ko("마일리지"), UnitValue: 5_000, Count: 1},
		},
		DrawSources: []domain.DrawSource{{ID: "lotto", Kind: domain.SourceLottery, Name: ko("연금복권720+ 제300회"),
			Reference: "https://dhlottery.co.kr/", Round: "300", AvailableAfter: start.Add(15 * 24 * time.Hour)}},
	}
}

func ko(s string) domain.Text { return domain.NewText(map[string]string{"ko": s}) }

// create makes a draft as the official.
func (f *fixture) create(t *testing.T) *domain.ParticipationEvent {
	t.Helper()
	e, err := f.app.CreateParticipationEvent(as(official), "", draft())
	require.NoError(t, err)
	return e
}

// open creates, announces and opens a participation event, and moves the
// clock into its entry period.
func (f *fixture) open(t *testing.T) *domain.ParticipationEvent {
	t.Helper()
	e := f.create(t)
	_, err := f.app.AnnounceParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	e, err = f.app.OpenParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	f.clock.Set(start.Add(time.Hour))
	return e
}

// enter enters c with a valid answer and contact.
func (f *fixture) enter(ctx context.Context, eventID string) (*domain.Entry, error) {
	return f.app.CreateEntry(ctx, eventID, []domain.Answer{{QuestionID: "q1", Value: "청계천"}},
		domain.Contact{Name: "홍길동", Phone: "010-1234-5678"})
}

// closed opens a participation event, enters n citizens and closes it.
func (f *fixture) closed(t *testing.T, n int) *domain.ParticipationEvent {
	t.Helper()
	e := f.open(t)
	for i := range n {
		_, err := f.enter(as(citizenN(i)), e.ID)
		require.NoError(t, err)
	}
	f.clock.Set(e.Draft.EntryEndsAt)
	e, err := f.app.CloseParticipationEvent(as(official), e.ID, "")
	require.NoError(t, err)
	return e
}

// confirm has two officials enter the lottery's value.
func (f *fixture) confirm(t *testing.T, eventID string) {
	t.Helper()
	f.clock.Set(start.Add(15*24*time.Hour + time.Hour))
	for _, c := range []identity.Claims{official, second} {
		_, err := f.app.EnterDrawSourceValue(as(c), eventID, "lotto", "1 2 3 4 5 6")
		require.NoError(t, err)
	}
}

// requireErr checks err's kind and reason (an InvalidArgument's reason is
// its first violation's, with the field).
func requireErr(t *testing.T, err error, kind errs.Kind, reason string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, kind, errs.KindOf(err), "%v", err)
	if reason == "" {
		return
	}
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	if kind == errs.KindInvalid && len(e.Violations) > 0 {
		require.Equal(t, reason, e.Violations[0].Field+":"+e.Violations[0].Reason, "%v", err)
		return
	}
	require.Equal(t, reason, e.Reason, "%v", err)
}

// subjects are the subjects the written events would publish, by type.
func kinds(events []domain.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		switch e := e.(type) {
		case domain.ParticipationEventChanged:
			out[i] = "changed:" + string(e.Status)
		case domain.DrawCommitted:
			out[i] = "committed"
		case domain.EntryCreated:
			out[i] = "entry"
		case domain.WinnersDrawn:
			out[i] = "drawn"
		case domain.PrizeAwarded:
			out[i] = "prize:" + string(e.PrizeKind)
		case domain.DrawSourceValueEntered:
			out[i] = "source"
			if e.Confirmed {
				out[i] += ":confirmed"
			}
		}
	}
	return out
}
