package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Callers as the rules see them (the verified identity in the context).
func as(c identity.Claims) context.Context { return identity.With(context.Background(), c) }

func person(subject string, role identity.Role) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{role}}
}

func official(subject, department string) identity.Claims {
	return identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleOfficial}, Department: department}
}

var (
	anonymous = identity.Claims{}
	officer   = person("po-1", identity.RolePrivacyOfficer)
	admin     = person("admin-1", identity.RoleAdmin)
	moderator = person("mod-1", identity.RoleModerator)
)

func citizen(subject string) identity.Claims { return person(subject, identity.RoleCitizen) }

// machine is a registered machine client's call (the registry entry in
// the context, as platform/grpcserver puts it).
func machine(c clients.Client) context.Context {
	ctx := clients.With(context.Background(), c)
	return identity.With(ctx, identity.Claims{Subject: "client:" + c.ID, Roles: []identity.Role{identity.RoleService},
		Client: c.ID, Department: c.Department})
}

// kindOf is the kind of err, or -1 for none (a table's "allowed").
func kindOf(err error) errs.Kind {
	if err == nil {
		return -1
	}
	return errs.KindOf(err)
}

const ok errs.Kind = -1

// store saves kv (field, value, …) as the subject themself and returns
// field → token.
func (f fixture) store(t *testing.T, subject string, kv ...string) map[string]string {
	t.Helper()
	in := app.StoreInput{SubjectID: subject, Purpose: "complaint"}
	for i := 0; i+1 < len(kv); i += 2 {
		in.Fields = append(in.Fields, app.FieldValue{Name: kv[i], Value: kv[i+1]})
	}
	out, err := f.app.StorePersonalData(as(citizen(subject)), in)
	require.NoError(t, err)
	tokens := map[string]string{}
	for _, s := range out {
		tokens[s.Field] = s.Token
	}
	return tokens
}

// assign gives department the complaint's grant over subject, as the
// petition service's assignment event does.
func (f fixture) assign(t *testing.T, complaint, department, subject string) {
	t.Helper()
	require.NoError(t, f.app.ApplyComplaintChange(context.Background(), domain.ComplaintChange{Kind: "assigned",
		ComplaintID: complaint, Department: department, Subject: subject, At: f.clock.Now()}, "ev-"+complaint+"-"+department))
}

// count is how many rows the vault holds.
func (w *world) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.rows)
}
