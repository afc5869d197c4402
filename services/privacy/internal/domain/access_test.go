package domain_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func actor(subject string, roles ...string) domain.Actor {
	return domain.Actor{Subject: subject, Roles: roles}
}

// TestRevealRulesTable exercises the role × purpose × field table (A10.1).
func TestRevealRulesTable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                  string
		actor                 domain.Actor
		field, purpose, caseR string
		allowed               bool
	}{
		{"subject reads own data", actor("s1", "citizen"), "phone", "self_service", "", true},
		{"other citizen refused", actor("s2", "citizen"), "phone", "self_service", "", false},
		{"anonymous refused", domain.Actor{}, "name", "complaint_handling", "c1", false},
		{"official, complaint, phone", actor("o1", "official"), "phone", "complaint_handling", "c1", true},
		{"official, complaint, address", actor("o1", "official"), "address", "complaint_handling", "c1", true},
		{"official, complaint, no case", actor("o1", "official"), "phone", "complaint_handling", "", false},
		{"official, complaint, account", actor("o1", "official"), "account_number", "complaint_handling", "c1", false},
		{"official, unknown purpose", actor("o1", "official"), "phone", "curiosity", "c1", false},
		{"moderator never reveals", actor("m1", "moderator"), "name", "complaint_handling", "c1", false},
		{"admin never reveals", actor("a1", "admin"), "name", "disclosure_processing", "d1", false},
		{"privacy officer, disclosure", actor("p1", "privacy_officer"), "account_number", "disclosure_processing", "d1", true},
		{"service, notification, email", actor("svc", "service"), "email", "notification", "", true},
		{"service, notification, address", actor("svc", "service"), "address", "notification", "", false},
		{"service, prize delivery", actor("svc", "service"), "address", "prize_delivery", "ev1", true},
		{"service, redemption, card", actor("svc", "service"), "transit_card_number", "redemption", "r1", true},
		{"citizen role does not grant official rule", actor("s2", "citizen"), "phone", "complaint_handling", "c1", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := domain.CanReveal(c.actor, "s1", c.field, c.purpose, c.caseR)
			require.Equal(t, c.allowed, d.Allowed, d.Reason)
			require.NotEmpty(t, d.Reason)
		})
	}
}

func TestMaskedViewAndStoreRules(t *testing.T) {
	t.Parallel()
	require.True(t, domain.CanViewMasked(actor("s1", "citizen"), "s1").Allowed)
	require.False(t, domain.CanViewMasked(actor("s2", "citizen"), "s1").Allowed)
	require.False(t, domain.CanViewMasked(domain.Actor{}, "s1").Allowed)
	for _, r := range []string{"official", "moderator", "privacy_officer", "admin", "service"} {
		require.True(t, domain.CanViewMasked(actor("x", r), "s1").Allowed, r)
	}
	require.True(t, domain.CanStore(actor("s1", "citizen"), "s1").Allowed)
	require.False(t, domain.CanStore(actor("s2", "citizen"), "s1").Allowed)
	require.False(t, domain.CanStore(actor("m", "moderator"), "s1").Allowed)
	require.True(t, domain.CanStore(actor("svc", "service"), "s1").Allowed)
	require.True(t, domain.CanLookup(actor("o1", "official"), "phone", "complaint_handling", "c1").Allowed)
	require.False(t, domain.CanLookup(actor("s1", "citizen"), "phone", "complaint_handling", "c1").Allowed)
}
