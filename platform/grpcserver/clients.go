package grpcserver

import (
	"context"
	"slices"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/mtls"
	"github.com/seoul-gov/homepage/platform/textrule"
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
		return ctx, refuseOnBehalf(ctx, c, method)
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
	ctx, err := onBehalf(ctx, client, method)
	if err != nil {
		return ctx, err
	}
	return clients.With(identity.With(ctx, c), client), nil
}

// onBehalf admits the person a machine client names in x-on-behalf-of when
// its registration lists the method under on_behalf; the service then acts
// for that person within the method's rules (identity.OnBehalfOf).
func onBehalf(ctx context.Context, client clients.Client, method string) (context.Context, error) {
	subject := first(ctx, identity.MetadataOnBehalfOf)
	if subject == "" {
		return ctx, nil
	}
	if !client.ActsOnBehalf(method) {
		return ctx, errs.PermissionDenied("ON_BEHALF_NOT_ALLOWED", "client", client.ID, "method", method)
	}
	if len(subject) > 128 || textrule.HasControl(subject) {
		return ctx, errs.Invalid(identity.MetadataOnBehalfOf, "SUBJECT_ID")
	}
	return identity.WithOnBehalfOf(ctx, subject), nil
}

// refuseOnBehalf refuses x-on-behalf-of from people and the anonymous:
// only a registered machine client may call for someone else.
func refuseOnBehalf(ctx context.Context, c identity.Claims, method string) error {
	if first(ctx, identity.MetadataOnBehalfOf) == "" {
		return nil
	}
	if c.Anonymous() {
		return errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	return errs.PermissionDenied("ON_BEHALF_MACHINE_ONLY", "method", method)
}
