package domain_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/contractors"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// The services a grant may name are those every service enforces.
func TestContractorServicesAreThePlatforms(t *testing.T) {
	t.Parallel()
	require.Equal(t, contractors.Services, domain.ContractorServices)
	for _, r := range contractors.Roles {
		require.True(t, slices.Contains(domain.ContractorRoles, string(r)), r)
	}
}

// A3.2: which grants would be in force together for one contractor in one
// service: official grants overlapping in time do; moderator grants of
// different boards add up instead; a revoked one or another service never.
func TestA3_2_ContractorGrantOverlaps(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	base := domain.ContractorGrant{ContractorSubject: "k1", Service: "content", Role: domain.RoleOfficial, Department: "D1",
		ValidFrom: t0, ValidUntil: t0.AddDate(0, 1, 0)}
	revoked := t0
	for name, c := range map[string]struct {
		change   func(g *domain.ContractorGrant)
		overlaps bool
	}{
		"same period":         {func(*domain.ContractorGrant) {}, true},
		"other department":    {func(g *domain.ContractorGrant) { g.Department = "D2" }, true},
		"starts at the end":   {func(g *domain.ContractorGrant) { g.ValidFrom, g.ValidUntil = t0.AddDate(0, 1, 0), t0.AddDate(0, 2, 0) }, false},
		"ends at the start":   {func(g *domain.ContractorGrant) { g.ValidFrom, g.ValidUntil = t0.AddDate(0, -1, 0), t0 }, false},
		"another service":     {func(g *domain.ContractorGrant) { g.Service = "board" }, false},
		"another contractor":  {func(g *domain.ContractorGrant) { g.ContractorSubject = "k2" }, false},
		"revoked":             {func(g *domain.ContractorGrant) { g.RevokedAt = &revoked }, false},
		"moderator and other": {func(g *domain.ContractorGrant) { g.Role, g.Department, g.BoardID = domain.RoleModerator, "", "b1" }, true},
	} {
		o := base
		c.change(&o)
		require.Equal(t, c.overlaps, base.Overlaps(o), name)
	}
	m1 := domain.ContractorGrant{ContractorSubject: "k1", Service: "board", Role: domain.RoleModerator, BoardID: "b1", ValidFrom: t0, ValidUntil: t0.AddDate(0, 1, 0)}
	m2 := m1
	m2.BoardID = "b2"
	require.False(t, m1.Overlaps(m2), "moderator grants of two boards add up")
	require.True(t, m1.Overlaps(m1), "the same board twice")
}

// A3.2: a grant lasts at most a year, ends after it starts and after now;
// a revocation is recorded once.
func TestA3_2_ContractorGrantPeriodAndRevocation(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	g := domain.ContractorGrant{ID: "g1", ContractorSubject: "k1", Company: "한울", Service: "content", Role: domain.RoleOfficial,
		Department: "SMG-DIGITAL", ValidFrom: now, ValidUntil: now.AddDate(1, 0, 0), Reason: "용역"}
	made, err := domain.NewContractorGrant(g, "admin-1", now)
	require.NoError(t, err, "exactly a year")
	require.Len(t, made.Events(), 1)
	g.ValidUntil = now.AddDate(1, 0, 0).Add(time.Second)
	_, err = domain.NewContractorGrant(g, "admin-1", now)
	require.ErrorContains(t, err, "end_time")

	require.NoError(t, made.Revoke("admin-2", "해지", now.Add(time.Hour)))
	require.NoError(t, made.Revoke("admin-3", "again", now.Add(2*time.Hour)))
	require.Equal(t, "admin-2", made.RevokedBy)
	require.Len(t, made.Events(), 2, "the second revocation records nothing")
}
