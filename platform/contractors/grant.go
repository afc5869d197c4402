// Package contractors is how every service knows what an outside
// contractor may do in it (A3.2). The privacy service records the grants
// admins make and projects them into a JetStream key-value bucket; every
// service watches that bucket (Watcher) and, for a caller whose token
// carries only the contractor role, puts the claims of its live grant for
// this service in place of the token's (platform/grpcserver). The token
// alone grants nothing.
package contractors

import (
	"slices"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
)

// Bucket is the key-value bucket of the grants: key = grant id, value =
// the Grant as JSON. Only the privacy service writes it.
const Bucket = "contractor-grants"

// Services are the services a grant may cover.
var Services = []string{"content", "board", "petition", "event", "mileage", "mail", "privacy"}

// Roles are the roles a grant may let a contractor act as.
var Roles = []identity.Role{identity.RoleOfficial, identity.RoleModerator}

// Grant is one contractor grant as the services see it. A revoked grant
// stays in the bucket, marked, so a late copy of its grant event cannot
// bring it back (Project).
type Grant struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
	Company string `json:"company"`
	Service string `json:"service"`
	// Role is what the contractor acts as in Service: an official of
	// Department, or a moderator of Board.
	Role       identity.Role `json:"role"`
	Department string        `json:"department,omitempty"`
	Board      string        `json:"board,omitempty"`
	ValidFrom  time.Time     `json:"valid_from"`
	ValidUntil time.Time     `json:"valid_until"`
	Revoked    bool          `json:"revoked,omitempty"`
}

// LiveAt reports whether the grant is in force at t: not revoked and
// valid_from ≤ t < valid_until.
func (g Grant) LiveAt(t time.Time) bool {
	return !g.Revoked && !t.Before(g.ValidFrom) && t.Before(g.ValidUntil)
}

// Effective returns the claims contractor c has in service at now under
// grants (all of the contractor's, any service): the granted role and its
// department or boards, the subject kept. Without a live grant for the
// service it is PermissionDenied. Two live grants for one service can only
// be combined when both make the contractor a moderator (of their boards);
// anything else is refused rather than guessed (the privacy service never
// records such an overlap).
func Effective(c identity.Claims, grants []Grant, service string, now time.Time) (identity.Claims, error) {
	var live []Grant
	for _, g := range grants {
		if g.Subject == c.Subject && g.Service == service && g.LiveAt(now) {
			live = append(live, g)
		}
	}
	if len(live) == 0 {
		return c, errs.PermissionDenied("CONTRACTOR_GRANT_REQUIRED", "service", service)
	}
	out := identity.Claims{Subject: c.Subject, Roles: []identity.Role{live[0].Role}, Contractor: live[0].ID}
	if len(live) == 1 && live[0].Role == identity.RoleOfficial {
		out.Department = live[0].Department
		return out, nil
	}
	ids := make([]string, 0, len(live))
	for _, g := range live {
		if g.Role != identity.RoleModerator {
			return c, errs.PermissionDenied("CONTRACTOR_GRANT_AMBIGUOUS", "service", service)
		}
		out.Boards = append(out.Boards, g.Board)
		ids = append(ids, g.ID)
	}
	slices.Sort(ids)
	out.Contractor = strings.Join(ids, ",")
	slices.Sort(out.Boards)
	out.Boards = slices.Compact(out.Boards)
	return out, nil
}
