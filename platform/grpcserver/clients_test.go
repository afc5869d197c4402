package grpcserver_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/mtls"
)

const unaryCall = "/grpc.testing.TestService/UnaryCall"

func (r rig) as(t *testing.T, c identity.Claims) context.Context {
	t.Helper()
	tok, err := r.issuer.Mint(c, time.Minute)
	require.NoError(t, err)
	return metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+tok)
}

func machine(client string, department string) identity.Claims {
	return identity.Claims{Subject: "svc-" + client, Roles: []identity.Role{identity.RoleService}, Client: client, Department: department}
}

// A3.2: a machine client calls only the RPCs its registration lists, acts
// for the registry's department only, and a token for an unregistered
// client (or one mixing the service role with a person's) is refused —
// minting a "service" token is not enough to act as a client.
func TestA3_2_MachineClientsAreHeldToTheirRegistration(t *testing.T) {
	t.Parallel()
	reg, err := clients.Parse([]byte(`{"clients":[
	  {"id":"civil-system","department":"SMG-CIVIL","methods":["` + unaryCall + `"]},
	  {"id":"mail","methods":["/grpc.testing.TestService/EmptyCall"]}]}`))
	require.NoError(t, err)
	r := startWith(t, grpcserver.Options{Clients: reg}, nil)

	resp, err := call(r, r.as(t, machine("civil-system", "")), "department")
	require.NoError(t, err)
	require.Equal(t, "SMG-CIVIL", resp.GetUsername(), "the department comes from the registry")
	_, err = call(r, r.as(t, machine("civil-system", "SMG-CIVIL")), "whoami")
	require.NoError(t, err)

	for name, c := range map[string]struct {
		claims identity.Claims
		code   codes.Code
	}{
		"method not on its list":      {machine("mail", ""), codes.PermissionDenied},
		"unregistered client":         {machine("forged", ""), codes.PermissionDenied},
		"another department":          {machine("civil-system", "SMG-WELFARE"), codes.PermissionDenied},
		"service role without client": {identity.Claims{Subject: "svc", Roles: []identity.Role{identity.RoleService}}, codes.Unauthenticated},
		"client claim with a person's role": {identity.Claims{Subject: "svc", Client: "civil-system",
			Roles: []identity.Role{identity.RoleService, identity.RoleAdmin}}, codes.Unauthenticated},
	} {
		_, err := call(r, r.as(t, c.claims), "whoami")
		require.Equal(t, c.code, status.Code(err), "%s: %v", name, err)
	}
	resp, err = call(r, r.as(t, identity.Claims{Subject: "citizen-1", Roles: []identity.Role{identity.RoleCitizen}}), "whoami")
	require.NoError(t, err)
	require.Equal(t, "citizen-1", resp.GetUsername(), "people's tokens are not affected")
}

// A3.2: a machine client calls on behalf of a person (x-on-behalf-of) only
// in a method its registration lists under on_behalf; from anyone else —
// a person, the anonymous, a client without that delegation — the header
// is refused, never ignored, so no caller can pass for another.
func TestA3_2_OnBehalfOfOnlyAsRegistered(t *testing.T) {
	t.Parallel()
	reg, err := clients.Parse([]byte(`{"clients":[
	  {"id":"mail","methods":["` + unaryCall + `"],"on_behalf":["` + unaryCall + `"]},
	  {"id":"civil-system","department":"SMG-CIVIL","methods":["` + unaryCall + `"]}]}`))
	require.NoError(t, err)
	r := startWith(t, grpcserver.Options{Clients: reg}, nil)
	behalf := func(ctx context.Context, subject string) context.Context {
		return metadata.AppendToOutgoingContext(ctx, identity.MetadataOnBehalfOf, subject)
	}

	resp, err := call(r, behalf(r.as(t, machine("mail", "")), "citizen-7"), "onbehalf")
	require.NoError(t, err)
	require.Equal(t, "citizen-7", resp.GetUsername())
	resp, err = call(r, r.as(t, machine("mail", "")), "onbehalf")
	require.NoError(t, err)
	require.Empty(t, resp.GetUsername(), "without the header the client calls as itself")

	for name, c := range map[string]struct {
		ctx  context.Context
		code codes.Code
	}{
		"a client without the delegation": {behalf(r.as(t, machine("civil-system", "")), "citizen-7"), codes.PermissionDenied},
		"a person":                        {behalf(r.as(t, identity.Claims{Subject: "citizen-8", Roles: []identity.Role{identity.RoleCitizen}}), "citizen-7"), codes.PermissionDenied},
		"the anonymous":                   {behalf(context.Background(), "citizen-7"), codes.Unauthenticated},
		"not a subject id":                {behalf(r.as(t, machine("mail", "")), strings.Repeat("x", 129)), codes.InvalidArgument},
	} {
		_, err := call(r, c.ctx, "onbehalf")
		require.Equal(t, c.code, status.Code(err), "%s: %v", name, err)
	}
}

// A3.2: an API key issued to a registered client (Open311's api_key)
// makes the call that client's, held to its registration like its token;
// an unknown key is refused, not taken for the anonymous public.
func TestA3_2_APIKeysCallAsTheirClient(t *testing.T) {
	t.Parallel()
	reg, err := clients.Parse([]byte(`{"clients":[
	  {"id":"civil-system","department":"SMG-CIVIL","methods":["` + unaryCall + `"],
	   "api_key_sha256":["` + clients.KeyDigest("civil-key") + `"]},
	  {"id":"mail","methods":["/grpc.testing.TestService/EmptyCall"],"api_key_sha256":["` + clients.KeyDigest("mail-key") + `"]}]}`))
	require.NoError(t, err)
	r := startWith(t, grpcserver.Options{Clients: reg}, nil)
	withKey := func(key string) context.Context {
		return metadata.AppendToOutgoingContext(context.Background(), clients.MetadataAPIKey, key)
	}
	resp, err := call(r, withKey("civil-key"), "whoami")
	require.NoError(t, err)
	require.Equal(t, "client:civil-system", resp.GetUsername())
	resp, err = call(r, withKey("civil-key"), "department")
	require.NoError(t, err)
	require.Equal(t, "SMG-CIVIL", resp.GetUsername())

	_, err = call(r, withKey("mail-key"), "whoami")
	require.Equal(t, codes.PermissionDenied, status.Code(err), "the key's client may not call this method")
	_, err = call(r, withKey("guessed-key"), "whoami")
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	_, err = call(r, withKey(clients.KeyDigest("civil-key")), "whoami")
	require.Equal(t, codes.Unauthenticated, status.Code(err), "the registry's digest is not a key")
}

// With mutual TLS the server knows the calling service from its verified
// certificate; plaintext callers and certificates of another CA are
// refused at the handshake.
func TestMutualTLSNamesTheCallingService(t *testing.T) {
	t.Parallel()
	ca, err := mtls.NewDevCA()
	require.NoError(t, err)
	dir := t.TempDir()
	srvFiles, err := ca.Issue(dir, "privacy", "127.0.0.1")
	require.NoError(t, err)
	cliFiles, err := ca.Issue(dir, "mileage")
	require.NoError(t, err)
	srvTLS, err := mtls.ServerConfig(srvFiles)
	require.NoError(t, err)
	cliTLS, err := mtls.ClientConfig(cliFiles)
	require.NoError(t, err)

	r := startWith(t, grpcserver.Options{TLS: srvTLS}, []grpc.DialOption{grpcclient.WithTLS(cliTLS)})
	resp, err := call(r, context.Background(), "caller")
	require.NoError(t, err)
	require.Equal(t, "mileage", resp.GetUsername())

	plain := startWith(t, grpcserver.Options{TLS: srvTLS}, nil)
	_, err = call(plain, context.Background(), "caller")
	require.Equal(t, codes.Unavailable, status.Code(err), "a plaintext client cannot talk to an mTLS server")

	other, err := mtls.NewDevCA()
	require.NoError(t, err)
	strangerFiles, err := other.Issue(t.TempDir(), "stranger")
	require.NoError(t, err)
	strangerFiles.CAFile = srvFiles.CAFile // trusts the server, but is not trusted by it
	strangerTLS, err := mtls.ClientConfig(strangerFiles)
	require.NoError(t, err)
	stranger := startWith(t, grpcserver.Options{TLS: srvTLS}, []grpc.DialOption{grpcclient.WithTLS(strangerTLS)})
	_, err = call(stranger, context.Background(), "caller")
	require.Error(t, err, "a certificate from another CA is refused")

	resp, err = call(start(t), context.Background(), "caller")
	require.NoError(t, err)
	require.Empty(t, resp.GetUsername(), "plaintext proves no calling service")
}
