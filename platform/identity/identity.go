// Package identity is the claims model of the suite: who is calling, with
// which roles, for which department, and whether their real name is
// verified (A5.7). The edge and every service verify the same bearer token,
// so a service never trusts an identity it did not check itself.
package identity

import (
	"context"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Role is one of the suite's roles.
type Role string

const (
	RoleCitizen        Role = "citizen"
	RoleOfficial       Role = "official"
	RoleModerator      Role = "moderator"
	RolePrivacyOfficer Role = "privacy_officer"
	RoleAdmin          Role = "admin"
	// RoleService marks a machine client: a department's system or another
	// service of the suite calling on its own behalf.
	RoleService Role = "service"
	// RoleContractor marks a person of an outside contractor (A3.2). The
	// role alone grants nothing: every service replaces the claims of a
	// contractor's call by those of their live grant for it
	// (platform/contractors, recorded by the privacy service's admins).
	RoleContractor Role = "contractor"
)

// KnownRoles lists every role a token may carry.
var KnownRoles = []Role{RoleCitizen, RoleOfficial, RoleModerator, RolePrivacyOfficer, RoleAdmin, RoleService, RoleContractor}

// ParseRole returns the role named s, or false.
func ParseRole(s string) (Role, bool) {
	r := Role(strings.TrimSpace(s))
	return r, slices.Contains(KnownRoles, r)
}

// Claims is the verified identity of a caller. The zero value is the
// anonymous public.
type Claims struct {
	Subject          string `json:"sub"`
	Roles            []Role `json:"roles,omitempty"`
	Department       string `json:"department,omitempty"`
	RealNameVerified bool   `json:"real_name_verified,omitempty"`
	// Client names the machine client (service or department system) when
	// the caller is one.
	Client string `json:"client,omitempty"`
	// Boards limits a moderator to these boards; empty means every board.
	// Only a contractor's grant sets it, never a token.
	Boards []string `json:"-"`
	// Contractor is the contractor grant the call runs under (A3.2), for
	// audit; never from a token.
	Contractor string `json:"-"`
}

// Anonymous reports whether no one is signed in.
func (c Claims) Anonymous() bool { return c.Subject == "" }

// Has reports whether the caller holds role.
func (c Claims) Has(role Role) bool { return slices.Contains(c.Roles, role) }

// HasAny reports whether the caller holds any of roles.
func (c Claims) HasAny(roles ...Role) bool {
	for _, r := range roles {
		if c.Has(r) {
			return true
		}
	}
	return false
}

// Moderates reports whether the caller moderates board: a moderator not
// limited to some boards moderates every board.
func (c Claims) Moderates(board string) bool {
	return c.Has(RoleModerator) && (len(c.Boards) == 0 || slices.Contains(c.Boards, board))
}

// OfficialOf reports whether the caller is an official of department.
func (c Claims) OfficialOf(department string) bool {
	return department != "" && c.Has(RoleOfficial) && c.Department == department
}

type ctxKey struct{}

// With returns ctx carrying claims.
func With(ctx context.Context, c Claims) context.Context { return context.WithValue(ctx, ctxKey{}, c) }

// From returns the claims in ctx, or the anonymous public.
func From(ctx context.Context) Claims {
	c, _ := ctx.Value(ctxKey{}).(Claims)
	return c
}

// RequireSignedIn returns Unauthenticated for the anonymous public.
func RequireSignedIn(ctx context.Context) (Claims, error) {
	c := From(ctx)
	if c.Anonymous() {
		return c, errs.Unauthenticated("SIGN_IN_REQUIRED")
	}
	return c, nil
}

// RequireAny returns the caller's claims when they hold one of roles;
// Unauthenticated for the anonymous public, PermissionDenied otherwise.
func RequireAny(ctx context.Context, roles ...Role) (Claims, error) {
	c, err := RequireSignedIn(ctx)
	if err != nil {
		return c, err
	}
	if !c.HasAny(roles...) {
		names := make([]string, len(roles))
		for i, r := range roles {
			names[i] = string(r)
		}
		return c, errs.PermissionDenied("ROLE_REQUIRED", "roles", strings.Join(names, ", "))
	}
	return c, nil
}

// RequireDepartment allows admins and officials of department.
func RequireDepartment(ctx context.Context, department string) (Claims, error) {
	c, err := RequireSignedIn(ctx)
	if err != nil {
		return c, err
	}
	if c.Has(RoleAdmin) || c.OfficialOf(department) {
		return c, nil
	}
	return c, errs.PermissionDenied("DEPARTMENT_REQUIRED", "department", department)
}

type callingServiceKey struct{}

// WithCallingService records the service of the suite (or the edge) that
// made the call, as its mutual-TLS certificate proved.
func WithCallingService(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, callingServiceKey{}, name)
}

// CallingService is the authenticated service that made the call, "" when
// the connection did not prove one (plaintext gRPC, or a caller outside
// the suite).
func CallingService(ctx context.Context) string {
	s, _ := ctx.Value(callingServiceKey{}).(string)
	return s
}

// MetadataOnBehalfOf is the gRPC metadata in which a machine client names
// the person it calls for (their subject id). Only a client whose
// registration lists the method under on_behalf may send it; every service
// refuses it from anyone else (platform/grpcserver), and services forward
// it with the caller's token to the services they call (grpcclient).
const MetadataOnBehalfOf = "x-on-behalf-of"

type onBehalfKey struct{}

// WithOnBehalfOf records that the verified machine client in ctx calls on
// behalf of the person subject.
func WithOnBehalfOf(ctx context.Context, subject string) context.Context {
	return context.WithValue(ctx, onBehalfKey{}, subject)
}

// OnBehalfOf is the person a machine client calls for, as its registration
// allowed for the method; "" when the call is the caller's own.
func OnBehalfOf(ctx context.Context) string {
	s, _ := ctx.Value(onBehalfKey{}).(string)
	return s
}
