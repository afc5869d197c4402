package app_test

import (
	"context"
	"maps"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/types/known/fieldmaskpb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/fieldmask"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
	"github.com/seoul-gov/homepage/services/privacy/client"
	"github.com/seoul-gov/homepage/services/privacy/client/clienttest"
)

// In-memory fakes of the ports. Like the store, a Create or Update runs
// its closure on a copy and keeps it (with the events the aggregates
// recorded and the decisions the item made) only when the closure returns
// nil, as a rolled-back transaction would.
type fakeStore struct {
	mu        sync.Mutex
	boards    map[string]domain.Board
	items     map[string]domain.Item
	cases     map[string]domain.Case
	decisions map[string]domain.Decision
	appeals   map[string]domain.Appeal
	names     map[string]string
	// written are the events of committed changes, in order (the outbox).
	written []domain.Event
}

func newFakeStore() *fakeStore {
	return &fakeStore{boards: map[string]domain.Board{}, items: map[string]domain.Item{}, cases: map[string]domain.Case{},
		decisions: map[string]domain.Decision{}, appeals: map[string]domain.Appeal{}, names: map[string]string{}}
}

func (f *fakeStore) ports() app.Ports {
	return app.Ports{Boards: fakeBoards{f}, Items: fakeItems{f}, Cases: fakeCases{f}, Decisions: fakeDecisions{f},
		Appeals: fakeAppeals{f}, ScreeningWords: fakeWords{}, Names: fakeNames{f}}
}

// cloneCase copies a case deeply enough that a closure's changes to the
// copy never reach the stored one.
func cloneCase(c domain.Case) domain.Case {
	return domain.Case{ItemID: c.ItemID, Open: c.Open, Urgency: c.Urgency, OpenedAt: c.OpenedAt,
		Flags: slices.Clone(c.Flags), Reports: slices.Clone(c.Reports)}
}

// clean drops what an aggregate recorded once it is stored.
func cleanItem(it domain.Item) domain.Item {
	return domain.Item{ID: it.ID, Kind: it.Kind, BoardID: it.BoardID, PostID: it.PostID, AuthorSubject: it.AuthorSubject,
		AuthorDisplay: it.AuthorDisplay, RequestID: it.RequestID, Title: it.Title, Body: it.Body, Canonical: it.Canonical,
		Status: it.Status, HiddenUntil: it.HiddenUntil, Removal: it.Removal, Published: it.Published,
		PersonalDataMasked: it.PersonalDataMasked, PersonalDataKinds: it.PersonalDataKinds,
		CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt, Revision: it.Revision}
}

// commit keeps an item changed by a closure with its case, decisions and
// events; a changed item is its next revision.
func (f *fakeStore) commit(before *domain.Item, it domain.Item, cs domain.Case) domain.Item {
	for _, d := range it.Decisions() {
		f.decisions[d.ID] = d
	}
	f.written = append(f.written, it.Events()...)
	f.written = append(f.written, cs.Events()...)
	it.Buckets = nil
	stored := cleanItem(it)
	if before != nil && !sameItem(*before, stored) {
		stored.Revision++
	}
	f.items[it.ID] = stored
	if cs.ItemID != "" {
		f.cases[it.ID] = cloneCase(cs)
	}
	return stored
}

func sameItem(a, b domain.Item) bool {
	return a.Title == b.Title && a.Body == b.Body && a.Status == b.Status && a.Published == b.Published &&
		a.UpdatedAt.Equal(b.UpdatedAt) && (a.Removal == nil) == (b.Removal == nil) &&
		(a.HiddenUntil == nil) == (b.HiddenUntil == nil)
}

type fakeBoards struct{ f *fakeStore }

func (r fakeBoards) Create(_ context.Context, b domain.Board) (domain.Board, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	for _, prior := range r.f.boards {
		if prior.CreatedBy == b.CreatedBy && prior.RequestID == b.RequestID {
			return prior, nil
		}
	}
	r.f.boards[b.ID] = b
	return b, nil
}

func (r fakeBoards) Get(_ context.Context, id string) (domain.Board, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	b, ok := r.f.boards[id]
	if !ok {
		return b, errs.NotFound("BOARD_NOT_FOUND", "id", id)
	}
	return b, nil
}

func (r fakeBoards) List(context.Context) ([]domain.Board, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	return slices.Collect(maps.Values(r.f.boards)), nil
}

func (r fakeBoards) Update(_ context.Context, id string, fn func(*domain.Board) error) (domain.Board, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	b, ok := r.f.boards[id]
	if !ok {
		return b, errs.NotFound("BOARD_NOT_FOUND", "id", id)
	}
	if err := fn(&b); err != nil {
		return b, err
	}
	b.Revision++
	r.f.boards[id] = b
	return b, nil
}

type fakeItems struct{ f *fakeStore }

func (r fakeItems) Get(_ context.Context, id string) (domain.Item, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	it, ok := r.f.items[id]
	if !ok {
		return it, errs.NotFound("NOT_FOUND")
	}
	return it, nil
}

func (r fakeItems) ByRequest(_ context.Context, subject string, kind domain.Kind, requestID string) (domain.Item, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	for _, it := range r.f.items {
		if it.AuthorSubject == subject && it.Kind == kind && it.RequestID == requestID {
			return it, nil
		}
	}
	return domain.Item{}, errs.NotFound("NOT_FOUND")
}

func (r fakeItems) List(_ context.Context, q app.ItemQuery, page pagetoken.Page) ([]domain.Item, string, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	var out []domain.Item
	for _, it := range r.f.items {
		if it.Kind == q.Kind && (q.Kind == domain.KindPost && it.BoardID == q.BoardID || q.Kind == domain.KindComment && it.PostID == q.PostID) &&
			(it.Status != domain.StatusPending || q.AllPending || it.AuthorSubject == q.WithPendingOf) {
			out = append(out, it)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out[:min(len(out), page.Size)], "", nil
}

func (r fakeItems) Create(_ context.Context, it domain.Item, fn func(*domain.Item, *domain.Case, app.AuthorTexts) error) (domain.Item, bool, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	for _, prior := range r.f.items {
		if prior.AuthorSubject == it.AuthorSubject && prior.Kind == it.Kind && prior.RequestID == it.RequestID {
			return prior, false, nil
		}
	}
	cs := domain.Case{ItemID: it.ID}
	if err := fn(&it, &cs, fakeTexts{r.f}); err != nil {
		return domain.Item{}, false, err
	}
	return r.f.commit(nil, it, cs), true, nil
}

func (r fakeItems) Update(_ context.Context, id string, fn func(*domain.Item, *domain.Case, app.AuthorTexts) error) (domain.Item, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	stored, ok := r.f.items[id]
	if !ok {
		return stored, errs.NotFound("NOT_FOUND")
	}
	it, cs := stored, cloneCase(r.f.cases[id])
	cs.ItemID = id
	if err := fn(&it, &cs, fakeTexts{r.f}); err != nil {
		return domain.Item{}, err
	}
	return r.f.commit(&stored, it, cs), nil
}

// fakeTexts finds an author's texts with the same canonical form only (the
// store's index finds near ones too).
type fakeTexts struct{ f *fakeStore }

func (t fakeTexts) Similar(_ context.Context, subject string, since time.Time, excludeID string, _ []int64) ([]app.Prior, error) {
	var out []app.Prior
	for _, it := range t.f.items {
		if it.AuthorSubject == subject && !it.CreatedAt.Before(since) && it.ID != excludeID && it.Status != domain.StatusWithdrawn {
			out = append(out, app.Prior{ID: it.ID, Kind: it.Kind, Canonical: it.Canonical})
		}
	}
	return out, nil
}

type fakeCases struct{ f *fakeStore }

func (r fakeCases) Queue(context.Context, pagetoken.Page) ([]domain.Case, string, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	var out []domain.Case
	for _, c := range r.f.cases {
		if c.Open {
			out = append(out, cloneCase(c))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Urgency > out[j].Urgency })
	return out, "", nil
}

func (r fakeCases) Signals(_ context.Context, itemID string) ([]domain.Flag, []domain.Report, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	c := r.f.cases[itemID]
	return slices.Clone(c.Flags), slices.Clone(c.Reports), nil
}

type fakeDecisions struct{ f *fakeStore }

func (r fakeDecisions) Get(_ context.Context, id string) (domain.Decision, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	d, ok := r.f.decisions[id]
	if !ok {
		return d, errs.NotFound("DECISION_NOT_FOUND", "id", id)
	}
	return d, nil
}

func (r fakeDecisions) PublicLog(context.Context, string, pagetoken.Page) ([]domain.Decision, string, error) {
	return nil, "", nil
}

func (r fakeDecisions) Transparency(_ context.Context, from, to time.Time, _ string) (app.Report, error) {
	return app.Report{From: from, To: to}, nil
}

type fakeAppeals struct{ f *fakeStore }

func (r fakeAppeals) Get(_ context.Context, id string) (domain.Appeal, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	a, ok := r.f.appeals[id]
	if !ok {
		return a, errs.NotFound("APPEAL_NOT_FOUND", "id", id)
	}
	return a, nil
}

func (r fakeAppeals) List(context.Context, domain.AppealStatus, pagetoken.Page) ([]domain.Appeal, string, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	return slices.Collect(maps.Values(r.f.appeals)), "", nil
}

func (r fakeAppeals) File(_ context.Context, decisionID string, fn func(domain.Decision, domain.Item, *domain.Appeal) (domain.Appeal, error)) (domain.Appeal, domain.Decision, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	d, ok := r.f.decisions[decisionID]
	if !ok {
		return domain.Appeal{}, d, errs.NotFound("DECISION_NOT_FOUND", "id", decisionID)
	}
	var filed *domain.Appeal
	for _, a := range r.f.appeals {
		if a.DecisionID == decisionID {
			filed = &a
		}
	}
	a, err := fn(d, r.f.items[d.ItemID], filed)
	if err != nil {
		return domain.Appeal{}, d, err
	}
	r.f.appeals[a.ID] = a
	return a, d, nil
}

func (r fakeAppeals) Decide(_ context.Context, id string, fn func(*domain.Appeal, domain.Decision, *domain.Item, *domain.Case) error) (domain.Appeal, domain.Decision, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	a, ok := r.f.appeals[id]
	if !ok {
		return a, domain.Decision{}, errs.NotFound("APPEAL_NOT_FOUND", "id", id)
	}
	d := r.f.decisions[a.DecisionID]
	stored := r.f.items[a.ItemID]
	it, cs := stored, cloneCase(r.f.cases[a.ItemID])
	cs.ItemID = a.ItemID
	if err := fn(&a, d, &it, &cs); err != nil {
		return domain.Appeal{}, d, err
	}
	r.f.commit(&stored, it, cs)
	r.f.appeals[id] = a
	return a, d, nil
}

// fakeWords: the lists are not seeded (version 0), so the initial lists
// screen.
type fakeWords struct{}

func (fakeWords) InForce(context.Context) ([]domain.ScreeningWord, int64, error) { return nil, 0, nil }
func (fakeWords) Version(context.Context) (int64, error)                         { return 0, nil }
func (fakeWords) List(context.Context, domain.WordList, pagetoken.Page) ([]domain.ScreeningWord, string, error) {
	return nil, "", nil
}
func (fakeWords) Changes(context.Context, pagetoken.Page) ([]domain.WordChange, string, error) {
	return nil, "", nil
}
func (fakeWords) Add(_ context.Context, w domain.ScreeningWord, _, _ string) (domain.ScreeningWord, error) {
	return w, nil
}
func (fakeWords) Remove(context.Context, string, string, string, time.Time) (int64, error) {
	return 1, nil
}
func (fakeWords) Seed(context.Context, []domain.ScreeningWord, string) error { return nil }

type fakeNames struct{ f *fakeStore }

func (r fakeNames) Cached(_ context.Context, subject string, _ time.Time) (string, error) {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	n, ok := r.f.names[subject]
	if !ok {
		return "", errs.NotFound("NOT_FOUND")
	}
	return n, nil
}

func (r fakeNames) Cache(_ context.Context, subject, masked string, _ time.Time) error {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	r.f.names[subject] = masked
	return nil
}

func (r fakeNames) Forget(_ context.Context, subject, _ string) error {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	delete(r.f.names, subject)
	return nil
}

// fixture is an App over the fakes, a privacy fake and a fake clock, with
// a post-moderated board open to everyone signed in and a pre-moderated one.
type fixture struct {
	app        *app.App
	store      *fakeStore
	privacy    *clienttest.Fake
	clock      *clock.Fake
	board, pre domain.Board
	realNames  domain.Board
}

var (
	citizen   = identity.Claims{Subject: "citizen-1", Roles: []identity.Role{identity.RoleCitizen}}
	other     = identity.Claims{Subject: "citizen-2", Roles: []identity.Role{identity.RoleCitizen}}
	moderator = identity.Claims{Subject: "mod-1", Roles: []identity.Role{identity.RoleModerator}, Department: "D100"}
	second    = identity.Claims{Subject: "mod-2", Roles: []identity.Role{identity.RoleModerator}, Department: "D100"}
	anonymous = identity.Claims{}
)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	scr, err := initialScreener()
	require.NoError(t, err)
	f := &fixture{store: newFakeStore(), privacy: clienttest.New(),
		clock: clock.NewFake(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}
	p := f.store.ports()
	p.Privacy, p.Screener = f.privacy, scr
	f.app = app.New(p, app.Settings{DuplicateWindow: 30 * 24 * time.Hour, DuplicateThreshold: 0.3, DuplicateMinRunes: 10,
		AppealWindow: 14 * 24 * time.Hour, NameCacheTTL: time.Hour, PseudonymKey: make([]byte, 32)}, f.clock.Now)
	f.board = f.addBoard(domain.ModerationPost, false)
	f.pre = f.addBoard(domain.ModerationPre, false)
	f.realNames = f.addBoard(domain.ModerationPost, true)
	return f
}

func (f *fixture) addBoard(mode domain.ModerationMode, realNames bool) domain.Board {
	id := newUUID()
	b, err := domain.ValidateBoard(domain.NewBoard{Name: "시민 게시판", Purpose: "시민의 의견을 받습니다",
		Board: domain.Board{RequestID: id, DepartmentCode: "D100", Posting: domain.PostingSignedIn, Moderation: mode,
			RealNameRequired: realNames}})
	if err != nil {
		panic(err)
	}
	b.ID, b.CreatedBy, b.Revision = id, "admin", 1
	f.store.boards[id] = b
	return b
}

func as(c identity.Claims) context.Context { return identity.With(context.Background(), c) }

// post makes a post by c on b and returns it.
func (f *fixture) post(t *testing.T, c identity.Claims, b domain.Board, body string) app.View {
	t.Helper()
	v, err := f.app.CreatePost(as(c), app.NewPost{BoardID: b.ID, Title: "제목입니다", Body: body})
	require.NoError(t, err)
	return v
}

// events are the events written since the last call.
func (f *fixture) events() []domain.Event {
	f.store.mu.Lock()
	defer f.store.mu.Unlock()
	out := f.store.written
	f.store.written = nil
	return out
}

func (f *fixture) storeName(t *testing.T, subject, name string) {
	t.Helper()
	_, err := f.privacy.Store(context.Background(), client.StoreRequest{Subject: subject, Purpose: "board",
		Fields: []client.Field{{Name: "name", Value: name}}})
	require.NoError(t, err)
}

func newUUID() string { return uuid.Must(uuid.NewV7()).String() }

// bodyMask is an edit's mask naming the body.
func bodyMask(t *testing.T) fieldmask.Mask {
	t.Helper()
	m, err := fieldmask.Parse(&fieldmaskpb.FieldMask{Paths: []string{"body"}}, &boardv1.Post{}, "title", "body")
	require.NoError(t, err)
	return m
}

// boardNameMask is an UpdateBoard mask naming the Korean name.
func boardNameMask(t *testing.T) fieldmask.Mask {
	t.Helper()
	m, err := fieldmask.Parse(&fieldmaskpb.FieldMask{Paths: []string{"name"}}, &boardv1.Board{}, app.BoardUpdatable...)
	require.NoError(t, err)
	return m
}

// initialScreener is the matcher of the initial lists, built once.
var initialScreener = sync.OnceValues(screening.New)
