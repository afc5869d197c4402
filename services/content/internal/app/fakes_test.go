package app_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// In-memory fakes of the ports. Like the store, an Update runs its closure
// on a copy and keeps it (and the events it recorded) only when the
// closure returns nil, as a rolled-back transaction would.

type fakeDepartments struct{ byCode map[string]domain.Department }

func (f *fakeDepartments) List(context.Context) ([]domain.Department, error) {
	out := slices.Collect(maps.Values(f.byCode))
	slices.SortFunc(out, func(a, b domain.Department) int { return compare(a.Code, b.Code) })
	return out, nil
}

func (f *fakeDepartments) Get(_ context.Context, code string) (domain.Department, error) {
	d, ok := f.byCode[code]
	if !ok {
		return d, errs.NotFound("DEPARTMENT_NOT_FOUND", "code", code)
	}
	return d, nil
}

func (f *fakeDepartments) Put(_ context.Context, d *domain.Department, check func(*domain.Department) error) error {
	var stored *domain.Department
	if prev, ok := f.byCode[d.Code]; ok {
		stored = &prev
	}
	if err := check(stored); err != nil {
		return err
	}
	if _, ok := f.byCode[d.ParentCode]; d.ParentCode != "" && !ok {
		return errs.FailedPrecondition("REFERENCE_MISSING")
	}
	d.Revision = 1
	if stored != nil {
		d.Revision = stored.Revision + 1
	}
	f.byCode[d.Code] = *d
	return nil
}

type fakeItems struct {
	depts    *fakeDepartments
	byID     map[string]*domain.Item
	requests map[[2]string]string
	// written are the events of committed changes, in order (the outbox).
	written   []domain.Event
	revisions map[string][]domain.Revision
	// Last filters and pages the use cases asked for.
	listed   app.ItemFilter
	searched app.SearchQuery
	page     pagetoken.Page
	staleAt  time.Time
}

// clone copies an item deeply enough that a closure's changes to the copy
// never reach the stored one.
func clone(it *domain.Item) *domain.Item {
	c := *it
	c.Texts, c.BasedOn = maps.Clone(it.Texts), maps.Clone(it.BasedOn)
	c.Tags, c.Attachments = slices.Clone(it.Tags), slices.Clone(it.Attachments)
	return &c
}

func (f *fakeItems) Create(_ context.Context, it *domain.Item, requestID string) (*domain.Item, error) {
	if id, ok := f.requests[[2]string{it.CreatedBy, requestID}]; ok && requestID != "" {
		return clone(f.byID[id]), nil
	}
	if _, ok := f.depts.byCode[it.DepartmentCode]; !ok {
		return nil, errs.FailedPrecondition("REFERENCE_MISSING")
	}
	for _, other := range f.byID {
		if it.Slug != "" && other.Slug == it.Slug {
			return nil, errs.AlreadyExists("SLUG_TAKEN", "slug", it.Slug)
		}
	}
	f.store(it, 0)
	f.requests[[2]string{it.CreatedBy, requestID}] = it.ID
	return clone(it), nil
}

// store keeps it and writes the events it recorded after the first seen.
func (f *fakeItems) store(it *domain.Item, seen int) {
	it.Department = f.depts.byCode[it.DepartmentCode]
	f.byID[it.ID] = it
	for _, e := range it.Events()[seen:] {
		f.written = append(f.written, e)
		if c, ok := e.(domain.ItemChanged); ok && c.NewRevision() {
			f.revisions[it.ID] = append(f.revisions[it.ID], domain.Revision{Number: c.Revision, Actor: c.Actor,
				At: c.At, ChangedFields: c.ChangedFields, Content: it.Content})
		}
	}
}

func (f *fakeItems) Get(_ context.Context, id string) (*domain.Item, error) {
	it, ok := f.byID[id]
	if !ok {
		return nil, errs.NotFound("ITEM_NOT_FOUND", "id", id)
	}
	return clone(it), nil
}

func (f *fakeItems) GetBySlug(ctx context.Context, slug string) (*domain.Item, error) {
	for _, it := range f.byID {
		if it.Slug == slug {
			return clone(it), nil
		}
	}
	return nil, errs.NotFound("ITEM_NOT_FOUND", "id", slug)
}

func (f *fakeItems) Update(_ context.Context, id string, fn func(*domain.Item) error) (*domain.Item, error) {
	stored, ok := f.byID[id]
	if !ok {
		return nil, errs.NotFound("ITEM_NOT_FOUND", "id", id)
	}
	it := clone(stored)
	if err := fn(it); err != nil {
		return nil, err
	}
	f.store(it, len(stored.Events()))
	return clone(it), nil
}

func (f *fakeItems) List(_ context.Context, filter app.ItemFilter, p pagetoken.Page) ([]*domain.Item, string, error) {
	f.listed, f.page = filter, p
	var out []*domain.Item
	for _, it := range f.sorted() {
		if it.Status == filter.Status && (filter.Department == "" || it.DepartmentCode == filter.Department) {
			out = append(out, clone(it))
		}
	}
	return out, "", nil
}

func (f *fakeItems) Search(_ context.Context, q app.SearchQuery, p pagetoken.Page) ([]app.SearchHit, string, error) {
	f.searched, f.page = q, p
	return nil, "", nil
}

func (f *fakeItems) ListStale(_ context.Context, department string, now time.Time, p pagetoken.Page) ([]*domain.Item, string, error) {
	f.staleAt, f.page = now, p
	var out []*domain.Item
	for _, it := range f.sorted() {
		if it.DepartmentCode == department && it.IsStale(now) {
			out = append(out, clone(it))
		}
	}
	return out, "", nil
}

func (f *fakeItems) Revisions(_ context.Context, id string) ([]domain.Revision, error) {
	return slices.Clone(f.revisions[id]), nil
}

func (f *fakeItems) ClaimStale(_ context.Context, now time.Time, limit int, fn func(*domain.Item) error) (int, error) {
	seen := 0
	for _, stored := range f.sorted() {
		if seen == limit || !stored.IsStale(now) || !stored.StaleAnnouncedAt.IsZero() {
			continue
		}
		seen++
		it := clone(stored)
		if err := fn(it); err != nil {
			return seen, err
		}
		f.store(it, len(stored.Events()))
	}
	return seen, nil
}

func (f *fakeItems) sorted() []*domain.Item {
	out := slices.Collect(maps.Values(f.byID))
	slices.SortFunc(out, func(a, b *domain.Item) int { return compare(a.ID, b.ID) })
	return out
}

type fakeFeedback struct {
	items   *fakeItems
	stored  []domain.Feedback
	listed  app.FeedbackFilter
	summary domain.FeedbackSummary
}

func (f *fakeFeedback) Add(_ context.Context, fb domain.Feedback) (domain.Feedback, error) {
	for _, x := range f.stored {
		if x.ItemID == fb.ItemID && x.SubjectID == fb.SubjectID {
			return domain.Feedback{}, errs.AlreadyExists("ALREADY_EXISTS")
		}
	}
	f.stored = append(f.stored, fb)
	f.items.written = append(f.items.written, fb.Events()...)
	return fb, nil
}

func (f *fakeFeedback) List(_ context.Context, filter app.FeedbackFilter, p pagetoken.Page) ([]domain.Feedback, domain.FeedbackSummary, string, error) {
	f.listed, f.items.page = filter, p
	var out []domain.Feedback
	for _, x := range f.stored {
		if x.DepartmentCode == filter.Department && (filter.ItemID == "" || x.ItemID == filter.ItemID) {
			out = append(out, x)
		}
	}
	return out, f.summary, "", nil
}

type fakeHistory struct {
	snapshots  []domain.Snapshot
	feedback   map[string]domain.FeedbackSummary
	complaints map[string]domain.ComplaintHandling
	moderation map[string]domain.ModerationReview
	// at, from and evaluation are what the scorecard asked about.
	at, from   time.Time
	evaluation domain.Evaluation
}

func (f *fakeHistory) SnapshotAt(_ context.Context, at time.Time) ([]domain.Snapshot, error) {
	f.at = at
	return f.snapshots, nil
}

func (f *fakeHistory) FeedbackBetween(_ context.Context, from, to time.Time) (map[string]domain.FeedbackSummary, error) {
	f.from = from
	return f.feedback, nil
}

func (f *fakeHistory) ComplaintsAt(_ context.Context, from time.Time, e domain.Evaluation) (map[string]domain.ComplaintHandling, error) {
	f.evaluation = e
	return f.complaints, nil
}

func (f *fakeHistory) ModerationAt(_ context.Context, from time.Time, e domain.Evaluation) (map[string]domain.ModerationReview, error) {
	return f.moderation, nil
}

// fakeFacts keeps facts once per event id, as the store does.
type fakeFacts struct {
	complaints []domain.ComplaintFact
	moderation []domain.ModerationFact
}

func (f *fakeFacts) AddComplaint(_ context.Context, c domain.ComplaintFact) error {
	if !slices.ContainsFunc(f.complaints, func(x domain.ComplaintFact) bool { return x.EventID == c.EventID }) {
		f.complaints = append(f.complaints, c)
	}
	return nil
}

func (f *fakeFacts) AddModeration(_ context.Context, m domain.ModerationFact) error {
	if !slices.ContainsFunc(f.moderation, func(x domain.ModerationFact) bool { return x.EventID == m.EventID }) {
		f.moderation = append(f.moderation, m)
	}
	return nil
}

type fakeViews struct{ pending, flushed []string }

func (f *fakeViews) Record(id string) { f.pending = append(f.pending, id) }

func (f *fakeViews) Flush(context.Context) (int, error) {
	n := len(f.pending)
	f.flushed, f.pending = append(f.flushed, f.pending...), nil
	return n, nil
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// fixture is the app over fresh fakes on a fake clock, with the directory
// of SMG-DIGITAL and SMG-CULTURE (with contacts) and SMG-NOCONTACT.
type fixture struct {
	app      *app.App
	clock    *clock.Fake
	depts    *fakeDepartments
	items    *fakeItems
	feedback *fakeFeedback
	history  *fakeHistory
	facts    *fakeFacts
	views    *fakeViews
	cache    *fakeCache
}

// fakeCache is a read cache that keeps whatever it is given.
type fakeCache struct {
	mu   sync.Mutex
	kept map[string]*domain.Item
}

func (c *fakeCache) Get(key string) (*domain.Item, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.kept[key]
	return it, ok
}

func (c *fakeCache) Generation() uint64 { return 0 }

func (c *fakeCache) Put(key string, it *domain.Item, _ uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kept[key] = it
}

var t0 = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// day is a calendar day on the fake clock.
const day = 24 * time.Hour

func newFixture() *fixture {
	depts := &fakeDepartments{byCode: map[string]domain.Department{
		"SMG-DIGITAL":   {Code: "SMG-DIGITAL", NameKo: "디지털정책과", Phone: "02-2133-2900"},
		"SMG-CULTURE":   {Code: "SMG-CULTURE", NameKo: "문화정책과", Email: "culture@seoul.go.kr"},
		"SMG-NOCONTACT": {Code: "SMG-NOCONTACT", NameKo: "연락처없는과"},
	}}
	items := &fakeItems{depts: depts, byID: map[string]*domain.Item{}, requests: map[[2]string]string{},
		revisions: map[string][]domain.Revision{}}
	f := &fixture{clock: clock.NewFake(t0), depts: depts, items: items,
		feedback: &fakeFeedback{items: items}, history: &fakeHistory{}, facts: &fakeFacts{}, views: &fakeViews{},
		cache: &fakeCache{kept: map[string]*domain.Item{}}}
	f.app = app.New(app.Ports{Departments: depts, Items: items, Feedback: f.feedback, History: f.history,
		Facts: f.facts, Views: f.views, ReadCache: f.cache},
		app.Settings{ReviewCycles: domain.DefaultReviewCycles()}, f.clock.Now)
	return f
}

// seed stores an item of department in status, made through the domain's
// own transitions (their events count as already written).
func (f *fixture) seed(t *testing.T, department string, status domain.Status) *domain.Item {
	t.Helper()
	c, err := domain.NewContent(department, domain.KindPolicy, "",
		domain.RawTexts{Title: map[string]string{"ko": "정책 안내", "en": "Policy"}}, []string{"정책"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	it := domain.NewItem(newID(), c, "seed", f.clock.Now())
	steps := map[domain.Status][]func() error{
		domain.StatusInReview:  {func() error { return it.Submit(f.clock.Now()) }},
		domain.StatusPublished: {func() error { return it.Submit(f.clock.Now()) }, f.publish(it)},
		domain.StatusArchived: {func() error { return it.Submit(f.clock.Now()) }, f.publish(it),
			func() error { it.Archive("seed", f.clock.Now()); return nil }},
	}
	for _, step := range steps[status] {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	f.items.store(it, len(it.Events()))
	f.items.written = nil
	return clone(it)
}

func (f *fixture) publish(it *domain.Item) func() error {
	return func() error { return it.Publish("seed", f.clock.Now(), domain.DefaultReviewCycles()) }
}

var ids atomic.Int64

// newID is a well-formed item id, unique within the test binary.
func newID() string { return fmt.Sprintf("0190f0a0-0000-7000-8000-%012x", ids.Add(1)) }

// Callers of the tables.
var (
	admin     = identity.Claims{Subject: "a1", Roles: []identity.Role{identity.RoleAdmin}}
	digital   = identity.Claims{Subject: "o1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"}
	culture   = identity.Claims{Subject: "o2", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CULTURE"}
	citizen   = identity.Claims{Subject: "c1", Roles: []identity.Role{identity.RoleCitizen}}
	moderator = identity.Claims{Subject: "m1", Roles: []identity.Role{identity.RoleModerator}}
	anonymous = identity.Claims{}
)

func as(c identity.Claims) context.Context { return identity.With(context.Background(), c) }

// transition is a row of a table over a state change of one item of
// SMG-DIGITAL seeded in status, made by caller, with outcome want.
type transition struct {
	name   string
	caller identity.Claims
	status domain.Status
	want   errs.Kind
}

// run seeds the item, calls the use case on it as the caller and checks
// the outcome's kind.
func (tc transition) run(t *testing.T, call func(*fixture, context.Context, *domain.Item) error) (*fixture, *domain.Item) {
	t.Helper()
	f := newFixture()
	it := f.seed(t, "SMG-DIGITAL", tc.status)
	errstest.RequireOutcome(t, tc.want, "", call(f, as(tc.caller), it))
	return f, it
}

// requireInvalid checks that err is InvalidArgument naming field.
func requireInvalid(t *testing.T, err error, field string) {
	t.Helper()
	require.Contains(t, errstest.Fields(t, err), field)
}
