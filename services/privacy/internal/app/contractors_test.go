package app_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// contractorStore is the in-memory Contractors port: a change runs on a
// copy, kept only when the closure succeeds.
type contractorStore struct {
	mu     sync.Mutex
	grants []domain.ContractorGrant
	events []domain.Event
}

func (s *contractorStore) Create(_ context.Context, g domain.ContractorGrant, check func([]domain.ContractorGrant) error) (domain.ContractorGrant, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var others []domain.ContractorGrant
	for _, o := range s.grants {
		if g.RequestID != "" && o.GrantedBy == g.GrantedBy && o.RequestID == g.RequestID {
			return o, nil
		}
		if o.ContractorSubject == g.ContractorSubject && o.Service == g.Service && o.RevokedAt == nil && o.ValidUntil.After(g.CreatedAt) {
			others = append(others, o)
		}
	}
	if err := check(others); err != nil {
		return domain.ContractorGrant{}, err
	}
	s.grants, s.events = append(s.grants, g), append(s.events, g.Events()...)
	return g, nil
}

func (s *contractorStore) Update(_ context.Context, id string, fn func(*domain.ContractorGrant) error) (domain.ContractorGrant, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, g := range s.grants {
		if g.ID != id {
			continue
		}
		before := len(g.Events())
		if err := fn(&g); err != nil {
			return domain.ContractorGrant{}, err
		}
		s.grants[i], s.events = g, append(s.events, g.Events()[before:]...)
		return g, nil
	}
	return domain.ContractorGrant{}, errs.NotFound("CONTRACTOR_GRANT_NOT_FOUND", "grant_id", id)
}

func (s *contractorStore) List(_ context.Context, f app.ContractorFilter, _ pagetoken.Page) ([]domain.ContractorGrant, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.ContractorGrant
	for _, g := range s.grants {
		if f.ContractorSubject == "" || g.ContractorSubject == f.ContractorSubject {
			out = append(out, g)
		}
	}
	return out, "", nil
}

func (s *contractorStore) Current(_ context.Context, now time.Time) ([]domain.ContractorGrant, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.ContractorGrant
	for _, g := range s.grants {
		if g.ValidUntil.After(now) {
			out = append(out, g)
		}
	}
	return out, nil
}

// bucket is the in-memory contractor-grants bucket.
type bucket struct {
	mu     sync.Mutex
	grants map[string]domain.ContractorGrant
}

func (b *bucket) Project(_ context.Context, g domain.ContractorGrant) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.grants[g.ID]; !ok || g.RevokedAt != nil {
		b.grants[g.ID] = g
	}
	return nil
}

func withContractors(f fixture) (*app.App, *contractorStore) {
	s := &contractorStore{}
	p := f.ports
	p.Contractors = s
	return f.app.With(p), s
}

func contractorGrant(f fixture) domain.ContractorGrant {
	now := f.clock.Now()
	return domain.ContractorGrant{ContractorSubject: "k-1", Company: "(주)한울시스템", Service: "content", Role: domain.RoleOfficial,
		Department: "SMG-DIGITAL", ValidFrom: now, ValidUntil: now.AddDate(0, 3, 0), Reason: "유지보수 용역", RequestID: "r-1"}
}

// A3.2: only admins grant, revoke and list contractor grants; anyone else
// is refused before anything is stored or published.
func TestA3_2_ContractorGrantsAreAdminsAlone(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		ctx  context.Context
		want errs.Kind
	}{
		"anonymous":       {as(anonymous), errs.KindUnauthenticated},
		"citizen":         {as(citizen("c-1")), errs.KindPermissionDenied},
		"official":        {as(official("o-1", "SMG-DIGITAL")), errs.KindPermissionDenied},
		"moderator":       {as(moderator), errs.KindPermissionDenied},
		"privacy officer": {as(officer), errs.KindPermissionDenied},
		"machine client":  {machine(clients.Client{ID: "civil-system", Department: "SMG-DIGITAL"}), errs.KindPermissionDenied},
		"contractor":      {as(person("k-1", identity.RoleContractor)), errs.KindPermissionDenied},
		"admin":           {as(admin), ok},
	} {
		f := newFixture(t)
		a, s := withContractors(f)
		g, err := a.GrantContractorAccess(c.ctx, contractorGrant(f))
		require.Equal(t, c.want, kindOf(err), name)
		_, _, err = a.ListContractorGrants(c.ctx, app.ContractorFilter{}, 0, "")
		require.Equal(t, c.want, kindOf(err), name)
		if c.want != ok {
			require.Empty(t, s.grants, name)
			require.Empty(t, s.events, name)
			continue
		}
		_, err = a.RevokeContractorAccess(as(officer), g.ID, "해지")
		require.Equal(t, errs.KindPermissionDenied, kindOf(err), "revoking is the admins' too")
		_, err = a.RevokeContractorAccess(c.ctx, g.ID, "해지")
		require.NoError(t, err)
		require.Len(t, s.events, 2, name)
	}
}

// A3.2: the reason is kept masked; a retry answers the grant made; an
// overlapping official grant is refused; a revocation is recorded once.
func TestA3_2_ContractorGrantOrchestration(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a, s := withContractors(f)
	in := contractorGrant(f)
	in.Reason = "담당자 연락처 010-1234-5678"
	g, err := a.GrantContractorAccess(as(admin), in)
	require.NoError(t, err)
	require.NotContains(t, g.Reason, "1234-5678")
	require.Equal(t, "admin-1", g.GrantedBy)
	again, err := a.GrantContractorAccess(as(admin), in)
	require.NoError(t, err)
	require.Equal(t, g.ID, again.ID, "a retry with the same request_id")
	require.Len(t, s.grants, 1)

	other := contractorGrant(f)
	other.RequestID, other.Department = "r-2", "SMG-TRANSPORT"
	_, err = a.GrantContractorAccess(as(admin), other)
	require.Equal(t, errs.KindFailedPrecondition, kindOf(err))

	_, err = a.RevokeContractorAccess(as(admin), "not-a-uuid", "x")
	require.Equal(t, errs.KindInvalid, kindOf(err))
	revokedAt := f.clock.Advance(time.Hour)
	for range 2 {
		r, err := a.RevokeContractorAccess(as(admin), g.ID, "계약 해지")
		require.NoError(t, err)
		require.Equal(t, revokedAt, *r.RevokedAt, "the first revocation stands")
		f.clock.Advance(time.Minute)
	}
	require.Len(t, s.events, 2, "granted, revoked once")
	_, ok := s.events[1].(domain.ContractorRevoked)
	require.True(t, ok)
	require.True(t, strings.HasPrefix(s.grants[0].RevokeReason, "계약"))
}

// A3.2: the sync writes every grant not ended into the bucket — a live
// one live, a revoked one revoked — and leaves ended ones out.
func TestA3_2_SyncRefillsTheContractorBucket(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := &contractorStore{}
	b := &bucket{grants: map[string]domain.ContractorGrant{}}
	p := f.ports
	p.Contractors, p.ContractorBucket = s, b
	a := f.app.With(p)
	live, err := a.GrantContractorAccess(as(admin), contractorGrant(f))
	require.NoError(t, err)
	short := contractorGrant(f)
	short.RequestID, short.Service, short.ValidUntil = "r-2", "event", f.clock.Now().Add(time.Hour)
	ending, err := a.GrantContractorAccess(as(admin), short)
	require.NoError(t, err)
	revoked := contractorGrant(f)
	revoked.RequestID, revoked.Service = "r-3", "mail"
	gone, err := a.GrantContractorAccess(as(admin), revoked)
	require.NoError(t, err)
	_, err = a.RevokeContractorAccess(as(admin), gone.ID, "해지")
	require.NoError(t, err)

	f.clock.Advance(2 * time.Hour)
	n, err := a.SyncContractorGrants(context.Background())
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.Nil(t, b.grants[live.ID].RevokedAt)
	require.NotNil(t, b.grants[gone.ID].RevokedAt)
	require.NotContains(t, b.grants, ending.ID, "an ended grant is not written")
}
