package grpcserver_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/identity"
)

// grantsFor admits contractor k1 as an official of D100; anyone else has
// no grant.
type grantsFor struct{}

func (grantsFor) Admit(c identity.Claims, _ string) (identity.Claims, error) {
	if c.Subject != "k1" {
		return c, errs.PermissionDenied("CONTRACTOR_GRANT_REQUIRED", "service", "test")
	}
	return identity.Claims{Subject: c.Subject, Roles: []identity.Role{identity.RoleOfficial}, Department: "D100", Contractor: "g1"}, nil
}

// A3.2: the handler sees a contractor only with the claims of their grant;
// the token's own department means nothing, a contractor token mixed with
// other roles is refused, and a server without grants admits no
// contractor.
func TestA3_2_ContractorCallsRunUnderTheirGrant(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	r := startLogged(t, grpcserver.Options{Contractors: grantsFor{}}, nil, logs)
	contractor := func(subject string, roles ...identity.Role) identity.Claims {
		return identity.Claims{Subject: subject, Department: "D999", Roles: append([]identity.Role{identity.RoleContractor}, roles...)}
	}
	resp, err := call(r, r.as(t, contractor("k1")), "department")
	require.NoError(t, err)
	require.Equal(t, "D100", resp.GetUsername(), "the grant's department, not the token's")
	audit := logs.lines(t, "audit")
	require.Len(t, audit, 1)
	require.Equal(t, "k1", audit[0]["subject"])
	require.Equal(t, "official", audit[0]["roles"])
	require.Equal(t, "g1", audit[0]["contractor_grant"], "the audit line names the grant the call ran under")

	_, err = call(r, r.as(t, contractor("k2")), "whoami")
	require.Equal(t, codes.PermissionDenied, status.Code(err))
	_, err = call(r, r.as(t, contractor("k1", identity.RoleAdmin)), "whoami")
	require.Equal(t, codes.Unauthenticated, status.Code(err), "a contractor token carries no other role")

	none := startWith(t, grpcserver.Options{}, nil)
	_, err = call(none, none.as(t, contractor("k1")), "whoami")
	require.Equal(t, codes.PermissionDenied, status.Code(err))
	resp, err = call(none, none.as(t, identity.Claims{Subject: "o1", Roles: []identity.Role{identity.RoleOfficial}, Department: "D7"}), "department")
	require.NoError(t, err)
	require.Equal(t, "D7", resp.GetUsername(), "people other than contractors pass unchanged")
}
