package identity_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

func TestVerifierAcceptsOwnTokensOnly(t *testing.T) {
	t.Parallel()
	iss, err := identity.NewIssuer("https://id.seoul.test", "seoul-homepage")
	require.NoError(t, err)
	v := identity.NewVerifier("https://id.seoul.test", "seoul-homepage", identity.StaticKeys{Set: iss.KeySet()})

	tok, err := iss.Mint(identity.Claims{Subject: "s-1", Roles: []identity.Role{identity.RoleOfficial},
		Department: "D100", RealNameVerified: true}, time.Minute)
	require.NoError(t, err)
	c, err := v.Verify(tok)
	require.NoError(t, err)
	require.Equal(t, "s-1", c.Subject)
	require.True(t, c.OfficialOf("D100"))
	require.True(t, c.RealNameVerified)

	other, err := identity.NewIssuer("https://id.seoul.test", "seoul-homepage")
	require.NoError(t, err)
	forged, err := other.Mint(identity.Claims{Subject: "s-1", Roles: []identity.Role{identity.RoleAdmin}}, time.Minute)
	require.NoError(t, err)
	_, err = v.Verify(forged)
	require.True(t, errs.Is(err, errs.KindUnauthenticated), "%v", err)

	expired, err := iss.Mint(identity.Claims{Subject: "s-1"}, -time.Hour)
	require.NoError(t, err)
	_, err = v.Verify(expired)
	require.True(t, errs.Is(err, errs.KindUnauthenticated), "%v", err)

	wrongAud := identity.NewVerifier("https://id.seoul.test", "other", identity.StaticKeys{Set: iss.KeySet()})
	_, err = wrongAud.Verify(tok)
	require.True(t, errs.Is(err, errs.KindUnauthenticated))
}

func TestRoleChecks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, err := identity.RequireAny(ctx, identity.RoleModerator)
	require.True(t, errs.Is(err, errs.KindUnauthenticated))
	ctx = identity.With(ctx, identity.Claims{Subject: "c", Roles: []identity.Role{identity.RoleCitizen}})
	_, err = identity.RequireAny(ctx, identity.RoleModerator)
	require.True(t, errs.Is(err, errs.KindPermissionDenied))
	_, err = identity.RequireDepartment(ctx, "D1")
	require.True(t, errs.Is(err, errs.KindPermissionDenied))
	ctx = identity.With(ctx, identity.Claims{Subject: "a", Roles: []identity.Role{identity.RoleAdmin}})
	_, err = identity.RequireDepartment(ctx, "D1")
	require.NoError(t, err)
}

func TestIssuerKeyFilesRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	iss, err := identity.NewIssuer("dev", "aud")
	require.NoError(t, err)
	require.NoError(t, iss.WriteKeyFiles(dir+"/key.jwk", dir+"/jwks.json"))
	loaded, err := identity.LoadIssuer("dev", "aud", dir+"/key.jwk")
	require.NoError(t, err)
	tok, err := loaded.Mint(identity.Claims{Subject: "x"}, time.Minute)
	require.NoError(t, err)
	v := identity.NewVerifier("dev", "aud", &identity.FileKeys{Path: dir + "/jwks.json"})
	c, err := v.Verify(tok)
	require.NoError(t, err)
	require.Equal(t, "x", c.Subject)
}
