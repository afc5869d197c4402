package app_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	platformclock "github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
	"github.com/seoul-gov/homepage/services/privacy/client/clienttest"
)

// fakeStore keeps complaints in memory. UpdateComplaint runs the closure on
// a copy and keeps it only when the closure returns nil, as the database's
// transaction would; a method a test does not need panics (the embedded
// nil interface), so a use case reaching for more than expected fails loudly.
type fakeStore struct {
	app.Store
	cal        *clock.Calendar
	complaints map[string]*domain.Complaint
	events     []domain.Event
}

func (s *fakeStore) CurrentCalendar(context.Context) (*clock.Calendar, error) { return s.cal, nil }

func (s *fakeStore) GetComplaint(_ context.Context, id string) (*domain.Complaint, error) {
	c, ok := s.complaints[id]
	if !ok {
		return nil, errs.NotFound("COMPLAINT_NOT_FOUND", "id", id)
	}
	return copyOf(c), nil
}

func (s *fakeStore) UpdateComplaint(_ context.Context, id string, fn func(*domain.Complaint) error) (*domain.Complaint, error) {
	c, ok := s.complaints[id]
	if !ok {
		return nil, errs.NotFound("COMPLAINT_NOT_FOUND", "id", id)
	}
	cp := copyOf(c)
	if err := fn(cp); err != nil {
		return nil, err
	}
	cp.Revision++
	s.events = append(s.events, cp.Events()...)
	s.complaints[id] = copyOf(cp)
	return cp, nil
}

func copyOf(c *domain.Complaint) *domain.Complaint {
	cp := *c
	cp.Extensions, cp.Answers, cp.History = slices.Clone(c.Extensions), slices.Clone(c.Answers), slices.Clone(c.History)
	return &cp
}

// fixture is the use cases over the fakes, on a fake clock, with one
// complaint of complainant filed at received and held by holder.
type fixture struct {
	app   *app.App
	store *fakeStore
	clock *platformclock.Fake
	id    string
}

var (
	received   = time.Date(2026, 3, 9, 10, 0, 0, 0, clock.Seoul) // a Monday
	complainer = identity.Claims{Subject: "citizen-1", Roles: []identity.Role{identity.RoleCitizen}}
	stranger   = identity.Claims{Subject: "citizen-2", Roles: []identity.Role{identity.RoleCitizen}}
	holder     = identity.Claims{Subject: "transport-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-TRANSPORT"}
	outsider   = identity.Claims{Subject: "welfare-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-WELFARE"}
	mayor      = identity.Claims{Subject: "civil-1", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"}
	admin      = identity.Claims{Subject: "admin-1", Roles: []identity.Role{identity.RoleAdmin}}
	system     = identity.Claims{Subject: "client:transport-system", Roles: []identity.Role{identity.RoleService}, Department: "SMG-TRANSPORT", Client: "transport-system"}
	anonymous  = identity.Claims{}
)

func newFixture(t *testing.T) fixture {
	t.Helper()
	from, _ := clock.ParseDate("2026-01-01")
	to, _ := clock.ParseDate("2030-12-31")
	cal, err := clock.NewCalendar(2, from, to, nil)
	require.NoError(t, err)
	typ, _ := domain.TypeByCode("inquiry_procedure") // 7 working days
	c, err := domain.NewComplaint("0190f0b4-7c1e-7000-8000-000000000001", domain.OriginWindow, complainer.Subject, typ,
		domain.ComplaintDraft{Title: "t", Body: "b"}, domain.MaskedContact{Name: "홍*동", NameToken: "tok-name", Phone: "010-****-5678", PhoneToken: "tok-phone"}, received, cal)
	require.NoError(t, err)
	require.NoError(t, c.Assign(mayor.Subject, "SMG-TRANSPORT", "", received))
	c.Events()
	store := &fakeStore{cal: cal, complaints: map[string]*domain.Complaint{c.ID: c}}
	fake := platformclock.NewFake(received.Add(time.Hour))
	a := app.New(app.Ports{Store: store, Privacy: clienttest.New()}, app.Settings{MayorOffice: "SMG-CIVIL"}, fake.Now)
	return fixture{app: a, store: store, clock: fake, id: c.ID}
}

func as(c identity.Claims) context.Context { return identity.With(context.Background(), c) }

func (f fixture) stored() *domain.Complaint { return f.store.complaints[f.id] }
