package grpcserver

import (
	"context"
	"slices"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/mtls"
)

// withPeer records the calling service proven by the connection's client
// certificate (mutual TLS), so audit trails never rely on a header.
func withPeer(ctx context.Context) context.Context {
	if name := mtls.PeerName(ctx); name != "" {
		return identity.WithCallingService(ctx, name)
	}
	return ctx
}

// admitClient holds a machine client to its registration: the token must
// name a registered client and carry only the service role, the client's
// department is the registry's (a token cannot claim another), and the
// method must be on the client's allow-list. The registration travels in
// the context for rules that look at purposes and fields (privacy).
// People's tokens pass unchanged.
func admitClient(ctx context.Context, reg *clients.Registry, method string) (context.Context, error) {
	c := identity.From(ctx)
	if c.Client == "" && !c.Has(identity.RoleService) {
		return ctx, nil
	}
	if c.Client == "" || !slices.Equal(c.Roles, []identity.Role{identity.RoleService}) {
		return ctx, errs.Unauthenticated("MACHINE_TOKEN_MALFORMED")
	}
	client, ok := reg.Get(c.Client)
	if !ok {
		return ctx, errs.PermissionDenied("MACHINE_CLIENT_UNKNOWN", "client", c.Client)
	}
	if c.Department != "" && c.Department != client.Department {
		return ctx, errs.PermissionDenied("MACHINE_CLIENT_DEPARTMENT", "client", c.Client, "department", c.Department)
	}
	if !client.Calls(method) {
		return ctx, errs.PermissionDenied("MACHINE_CLIENT_METHOD", "client", c.Client, "method", method)
	}
	c.Department = client.Department
	return clients.With(identity.With(ctx, c), client), nil
}
