package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func actor(subject string, roles ...string) domain.Actor {
	return domain.Actor{Subject: subject, Roles: roles}
}

// client is a registered machine client's actor.
func client(id, department string, reveal, lookup map[string][]string) domain.Actor {
	return domain.Actor{Subject: "client:" + id, Roles: []string{"service"}, Client: id, Department: department,
		Scope: &domain.ClientScope{Department: department, Reveal: reveal, Lookup: lookup}}
}

var delivery = client("prize-delivery", "", map[string][]string{"prize_delivery": {"name", "phone", "address"}}, nil)

func official(subject, department string) domain.Actor {
	return domain.Actor{Subject: subject, Roles: []string{"official"}, Department: department}
}

// grantsC1 holds case c1 held by D100 for subject s1 (complaint handling) and
// event ev1's prizes for s1, run by D200.
func grantsC1() domain.CaseGrants {
	now := time.Now()
	return domain.CaseGrants{At: now, Grants: []domain.Grant{
		{Purpose: "complaint_handling", CaseReference: "c1", SubjectID: "s1", Department: "D100", GrantedAt: now.Add(-time.Hour)},
		{Purpose: "prize_delivery", CaseReference: "ev1", SubjectID: "s1", Department: "D200", GrantedAt: now.Add(-time.Hour), ExpiresAt: now.Add(time.Hour)},
	}}
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
		{"official of the case, complaint, phone", official("o1", "D100"), "phone", "complaint_handling", "c1", true},
		{"official of the case, complaint, address", official("o1", "D100"), "address", "complaint_handling", "c1", true},
		{"official, complaint, no case", official("o1", "D100"), "phone", "complaint_handling", "", false},
		{"official, complaint, account", official("o1", "D100"), "account_number", "complaint_handling", "c1", false},
		{"official, unknown purpose", official("o1", "D100"), "phone", "curiosity", "c1", false},
		{"official of the event, prize delivery", official("o2", "D200"), "address", "prize_delivery", "ev1", true},
		{"moderator never reveals", actor("m1", "moderator"), "name", "complaint_handling", "c1", false},
		{"admin never reveals", actor("a1", "admin"), "name", "disclosure_processing", "d1", false},
		{"privacy officer, disclosure", actor("p1", "privacy_officer"), "account_number", "disclosure_processing", "d1", true},
		{"service role without a registration reveals nothing", actor("svc", "service"), "email", "notification", "", false},
		{"citizen role does not grant official rule", actor("s2", "citizen"), "phone", "complaint_handling", "c1", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := domain.CanReveal(c.actor, "s1", c.field, c.purpose, c.caseR, grantsC1())
			require.Equal(t, c.allowed, d.Allowed, d.Reason)
			require.NotEmpty(t, d.Reason)
		})
	}
}

// TestA10_1_CaseBoundRevealNeedsTheDepartmentsGrant: an official reveals a
// citizen's contact data only with a grant in force for their department,
// the named case and that citizen (A10.1).
func TestA10_1_CaseBoundRevealNeedsTheDepartmentsGrant(t *testing.T) {
	t.Parallel()
	now := time.Now()
	grant := func(mut func(*domain.Grant)) domain.CaseGrants {
		g := domain.Grant{Purpose: "complaint_handling", CaseReference: "c1", SubjectID: "s1", Department: "D100", GrantedAt: now.Add(-time.Hour)}
		if mut != nil {
			mut(&g)
		}
		return domain.CaseGrants{At: now, Grants: []domain.Grant{g}}
	}
	cases := []struct {
		name    string
		actor   domain.Actor
		subject string
		purpose string
		caseRef string
		grants  domain.CaseGrants
		allowed bool
	}{
		{"department holding the case", official("o1", "D100"), "s1", "complaint_handling", "c1", grant(nil), true},
		{"grant in its grace period", official("o1", "D100"), "s1", "complaint_handling", "c1", grant(func(g *domain.Grant) { g.ExpiresAt = now.Add(time.Hour) }), true},
		{"another department", official("o2", "D999"), "s1", "complaint_handling", "c1", grant(nil), false},
		{"official without a department", official("o3", ""), "s1", "complaint_handling", "c1", grant(nil), false},
		{"wrong case reference", official("o1", "D100"), "s1", "complaint_handling", "c2", grant(nil), false},
		{"no grant at all", official("o1", "D100"), "s1", "complaint_handling", "c1", domain.CaseGrants{At: now}, false},
		{"someone else's data in the case", official("o1", "D100"), "s2", "complaint_handling", "c1", grant(nil), false},
		{"grant of another purpose", official("o1", "D100"), "s1", "prize_delivery", "c1", grant(nil), false},
		{"expired grace period", official("o1", "D100"), "s1", "complaint_handling", "c1", grant(func(g *domain.Grant) { g.ExpiresAt = now.Add(-time.Second) }), false},
		{"revoked (transferred out)", official("o1", "D100"), "s1", "complaint_handling", "c1", grant(func(g *domain.Grant) { g.RevokedAt = now.Add(-time.Minute) }), false},
		{"prize grant before the department is known", official("o1", "D100"), "s1", "prize_delivery", "c1",
			grant(func(g *domain.Grant) { g.Purpose, g.Department = "prize_delivery", "" }), false},
		{"the citizen themself needs no grant", actor("s1", "citizen"), "s1", "complaint_handling", "c9", domain.CaseGrants{At: now}, true},
		{"privacy officer needs no grant", actor("p1", "privacy_officer"), "s1", "subject_access_request", "sar-1", domain.CaseGrants{At: now}, true},
		{"a delivery system uses the case's grant", delivery, "s1", "prize_delivery", "ev1",
			grant(func(g *domain.Grant) { g.Purpose, g.CaseReference = "prize_delivery", "ev1" }), true},
		{"a delivery system without a grant in the case", delivery, "s1", "prize_delivery", "ev1", domain.CaseGrants{At: now}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := domain.CanReveal(c.actor, c.subject, "phone", c.purpose, c.caseRef, c.grants)
			require.Equal(t, c.allowed, d.Allowed, d.Reason)
			require.NotEmpty(t, d.Reason)
		})
	}
	// A lookup needs a grant in the case and finds only its subjects.
	require.True(t, domain.CanLookup(official("o1", "D100"), "phone", "complaint_handling", "c1", grant(nil)).Allowed)
	require.False(t, domain.CanLookup(official("o2", "D999"), "phone", "complaint_handling", "c1", grant(nil)).Allowed)
	require.Equal(t, []string{"s1"}, grant(nil).SubjectsFor("complaint_handling", "c1", "D100"))
	require.Empty(t, grant(nil).SubjectsFor("complaint_handling", "c1", "D999"))
	require.True(t, domain.LookupCaseBound(official("o1", "D100"), "phone", "complaint_handling"))
	require.False(t, domain.LookupCaseBound(actor("p1", "privacy_officer"), "phone", "subject_access_request"))
}

// TestA10_1_ComplaintEventsMoveTheGrant: what each complaint event does to
// the case's grant (A10.1).
func TestA10_1_ComplaintEventsMoveTheGrant(t *testing.T) {
	t.Parallel()
	cases := []struct {
		change domain.ComplaintChange
		effect domain.GrantEffect
		holder string
	}{
		{domain.ComplaintChange{Kind: "assigned", Department: "D100"}, domain.EffectHold, "D100"},
		{domain.ComplaintChange{Kind: "assigned"}, domain.EffectNone, ""},
		{domain.ComplaintChange{Kind: "transferred", Department: "D200", Detail: "department:D200"}, domain.EffectHold, "D200"},
		{domain.ComplaintChange{Kind: "transferred", Department: "D100", Detail: "agency:국토교통부"}, domain.EffectRevoke, "D100"},
		{domain.ComplaintChange{Kind: "answered", Department: "D100", Detail: "answered"}, domain.EffectGrace, "D100"},
		{domain.ComplaintChange{Kind: "closed", Department: "D100", Detail: "repeated"}, domain.EffectGrace, "D100"},
		{domain.ComplaintChange{Kind: "reopened", Department: "D100"}, domain.EffectHold, "D100"},
		{domain.ComplaintChange{Kind: "reopened"}, domain.EffectNone, ""},
		{domain.ComplaintChange{Kind: "extended", Department: "D100"}, domain.EffectNone, "D100"},
		// Before assignment the Mayor's office (the dispatcher) holds it.
		{domain.ComplaintChange{Kind: "received", Dispatcher: "SMG-CIVIL"}, domain.EffectHold, "SMG-CIVIL"},
		{domain.ComplaintChange{Kind: "triaged", Dispatcher: "SMG-CIVIL"}, domain.EffectHold, "SMG-CIVIL"},
		{domain.ComplaintChange{Kind: "triaged", Department: "D100", Dispatcher: "SMG-CIVIL"}, domain.EffectHold, "D100"},
		{domain.ComplaintChange{Kind: "received"}, domain.EffectNone, ""},
	}
	for _, c := range cases {
		require.Equal(t, c.effect, c.change.Effect(), "%+v", c.change)
		require.Equal(t, c.holder, c.change.HolderDepartment(), "%+v", c.change)
	}
}

func TestMaskedViewAndStoreRules(t *testing.T) {
	t.Parallel()
	require.True(t, domain.CanViewMasked(actor("s1", "citizen"), "s1", nil).Allowed)
	require.False(t, domain.CanViewMasked(actor("s2", "citizen"), "s1", nil).Allowed)
	require.False(t, domain.CanViewMasked(domain.Actor{}, "s1", nil).Allowed)
	for _, r := range []string{"official", "moderator", "privacy_officer", "admin"} {
		require.True(t, domain.CanViewMasked(actor("x", r), "s1", nil).Allowed, r)
	}
	require.False(t, domain.CanViewMasked(actor("svc", "service"), "s1", nil).Allowed, "a service token lists nobody's tokens")
	mail := client("mail", "", map[string][]string{"notification": {"email"}}, nil)
	require.False(t, domain.CanViewMasked(mail, "s1", nil).Allowed, "a client never lists a person's tokens")
	require.True(t, domain.CanViewMasked(mail, "s1", []string{"email"}).Allowed, "only the field it reveals without a case")
	require.False(t, domain.CanViewMasked(mail, "s1", []string{"email", "phone"}).Allowed)
	require.False(t, domain.CanViewMasked(delivery, "s1", []string{"address"}).Allowed, "case-bound fields: no masked view")
	none := domain.CaseGrants{At: time.Now()}
	require.True(t, domain.CanStore(actor("s1", "citizen"), "s1", "", none).Allowed)
	require.False(t, domain.CanStore(actor("s2", "citizen"), "s1", "", none).Allowed)
	require.False(t, domain.CanStore(actor("m", "moderator"), "s1", "c1", grantsC1()).Allowed)
	require.False(t, domain.CanStore(actor("svc", "service"), "s1", "c1", grantsC1()).Allowed, "a service token does not overwrite anyone's data")
	require.True(t, domain.CanLookup(official("o1", "D100"), "phone", "complaint_handling", "c1", grantsC1()).Allowed)
	require.False(t, domain.CanLookup(official("o1", "D100"), "phone", "complaint_handling", "c1", domain.CaseGrants{}).Allowed)
	require.False(t, domain.CanLookup(actor("s1", "citizen"), "phone", "complaint_handling", "c1", grantsC1()).Allowed)
}

// A3.2, A10.1: an official (or a department's system) changes a citizen's
// data only within a live case of their department over that citizen; a
// privacy officer only with a case reference; a machine client only the
// data of the people it files for (its own namespace of subjects).
func TestA10_1_StoreByOthersNeedsTheCitizensCase(t *testing.T) {
	t.Parallel()
	g := grantsC1()
	civil := client("civil-system", "D100", nil, nil)
	for _, c := range []struct {
		name    string
		actor   domain.Actor
		subject string
		caseRef string
		allowed bool
	}{
		{"official of the complaint's department", official("o1", "D100"), "s1", "c1", true},
		{"official of the event's department", official("o2", "D200"), "s1", "ev1", true},
		{"department system of the complaint's department", civil, "s1", "c1", true},
		{"official without a case", official("o1", "D100"), "s1", "", false},
		{"official of another department", official("o9", "D999"), "s1", "c1", false},
		{"official, case of another citizen", official("o1", "D100"), "s2", "c1", false},
		{"official, made-up case", official("o1", "D100"), "s1", "c-made-up", false},
		{"privacy officer with a case", actor("p1", "privacy_officer"), "s1", "rectification-7", true},
		{"privacy officer without one", actor("p1", "privacy_officer"), "s1", "", false},
		{"admin", actor("a1", "admin"), "s1", "c1", false},
		{"anonymous", domain.Actor{}, "s1", "c1", false},
		{"client for a person it files for", civil, "client:civil-system:7f3a", "", true},
		{"client for another client's person", civil, "client:mail:7f3a", "", false},
		{"client for a look-alike subject", civil, "client:civil-systems:7f3a", "", false},
		{"a person whose subject looks namespaced", actor("client:civil-system", "citizen"), "client:civil-system:7f3a", "", false},
	} {
		d := domain.CanStore(c.actor, c.subject, c.caseRef, g)
		require.Equal(t, c.allowed, d.Allowed, "%s: %s", c.name, d.Reason)
	}
	require.True(t, domain.CanStoreText(civil, "client:civil-system:7f3a").Allowed, "the original of a text it filed")
	require.False(t, domain.CanStoreText(civil, "s1").Allowed)
}

// A3.2, A10.1: a machine client reveals or searches only within its
// registration, and only for a live case its scope covers: a made-up
// case_reference is worth nothing.
func TestA3_2_MachineClientsRevealOnlyWithinScopeAndLiveCase(t *testing.T) {
	t.Parallel()
	now := time.Now()
	g := domain.CaseGrants{At: now, Grants: []domain.Grant{
		{Purpose: "redemption", CaseReference: "r1", SubjectID: "s1", GrantedAt: now.Add(-time.Minute), ExpiresAt: now.Add(time.Minute)},
		{Purpose: "redemption", CaseReference: "r-old", SubjectID: "s1", GrantedAt: now.Add(-time.Hour), ExpiresAt: now.Add(-time.Minute)},
		{Purpose: "complaint_handling", CaseReference: "c1", SubjectID: "s1", Department: "D100", GrantedAt: now.Add(-time.Hour)},
	}}
	partner := client("mileage-partner", "", map[string][]string{"redemption": {"transit_card_number", "name"}}, nil)
	civil := client("civil-system", "D100", map[string][]string{"complaint_handling": {"phone"}},
		map[string][]string{"complaint_handling": {"phone"}})
	welfare := client("welfare-system", "D300", map[string][]string{"complaint_handling": {"phone"}}, nil)
	mail := client("mail", "", map[string][]string{"notification": {"email"}}, nil)
	for _, c := range []struct {
		name                    string
		actor                   domain.Actor
		subject, field, purpose string
		caseRef                 string
		allowed                 bool
	}{
		{"partner, held redemption", partner, "s1", "transit_card_number", "redemption", "r1", true},
		{"partner, made-up redemption", partner, "s1", "transit_card_number", "redemption", "r-made-up", false},
		{"partner, settled or expired hold", partner, "s1", "transit_card_number", "redemption", "r-old", false},
		{"partner, another citizen", partner, "s2", "transit_card_number", "redemption", "r1", false},
		{"partner, no case", partner, "s1", "transit_card_number", "redemption", "", false},
		{"partner, field outside its scope", partner, "s1", "phone", "redemption", "r1", false},
		{"partner, purpose outside its scope", partner, "s1", "name", "complaint_handling", "c1", false},
		{"department system, its department's complaint", civil, "s1", "phone", "complaint_handling", "c1", true},
		{"another department's system", welfare, "s1", "phone", "complaint_handling", "c1", false},
		{"mail, notification email", mail, "s1", "email", "notification", "", true},
		{"mail, phone", mail, "s1", "phone", "notification", "", false},
	} {
		d := domain.CanReveal(c.actor, c.subject, c.field, c.purpose, c.caseRef, g)
		require.Equal(t, c.allowed, d.Allowed, "%s: %s", c.name, d.Reason)
	}
	require.True(t, domain.CanLookup(civil, "phone", "complaint_handling", "c1", g).Allowed)
	require.False(t, domain.CanLookup(civil, "email", "complaint_handling", "c1", g).Allowed, "outside its lookup scope")
	require.False(t, domain.CanLookup(partner, "transit_card_number", "redemption", "r1", g).Allowed, "no lookup scope at all")
	require.True(t, domain.LookupCaseBound(civil, "phone", "complaint_handling"))
	require.Equal(t, []string{"s1"}, g.SubjectsFor("complaint_handling", "c1", "D100"))
}
