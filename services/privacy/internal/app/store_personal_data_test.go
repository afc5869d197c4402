package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// A10.1, A10.4: only the subject stores their data freely; anyone else only
// within a live case of their own (an official's department holding the
// citizen's complaint, a privacy officer's rectification), a machine
// client only on the citizen's behalf as registered. A refused store keeps
// nothing and logs nothing; an allowed one is logged with its case.
func TestStorePersonalDataAuthorization(t *testing.T) {
	t.Parallel()
	mail := clients.Client{ID: "mail", Store: map[string][]string{"complaint": {"name"}}}
	cases := []struct {
		name    string
		ctx     func(f fixture) context.Context
		caseRef string
		want    errs.Kind
	}{
		{"the subject", func(fixture) context.Context { return as(citizen("cit-1")) }, "", ok},
		{"another citizen", func(fixture) context.Context { return as(citizen("cit-2")) }, "", errs.KindPermissionDenied},
		{"anonymous", func(fixture) context.Context { return as(anonymous) }, "", errs.KindUnauthenticated},
		{"official without a case", func(fixture) context.Context { return as(official("o-1", "SMG-ROAD")) }, "", errs.KindPermissionDenied},
		{"official of the department holding the complaint", func(f fixture) context.Context {
			return as(official("o-1", "SMG-ROAD"))
		}, "cmp-1", ok},
		{"official of another department", func(fixture) context.Context { return as(official("o-2", "SMG-PARKS")) }, "cmp-1", errs.KindPermissionDenied},
		{"privacy officer with a case", func(fixture) context.Context { return as(officer) }, "rect-1", ok},
		{"privacy officer without a case", func(fixture) context.Context { return as(officer) }, "", errs.KindPermissionDenied},
		{"moderator", func(fixture) context.Context { return as(moderator) }, "", errs.KindPermissionDenied},
		{"admin", func(fixture) context.Context { return as(admin) }, "", errs.KindPermissionDenied},
		{"mail on the citizen's behalf", func(fixture) context.Context {
			return identity.WithOnBehalfOf(machine(mail), "cit-1")
		}, "", ok},
		{"mail on another's behalf", func(fixture) context.Context {
			return identity.WithOnBehalfOf(machine(mail), "cit-2")
		}, "", errs.KindPermissionDenied},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.assign(t, "cmp-1", "SMG-ROAD", "cit-1")
			out, err := f.app.StorePersonalData(tc.ctx(f), app.StoreInput{SubjectID: "cit-1", Purpose: "complaint",
				CaseReference: tc.caseRef, Fields: []app.FieldValue{{Name: "name", Value: "홍길동"}}})
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			stored := f.logged(domain.OutcomeStored)
			if tc.want != ok {
				require.Zero(t, f.count(), "nothing stored")
				require.Empty(t, stored, "a refusal is not an access")
				return
			}
			require.Equal(t, "홍*동", out[0].Masked)
			require.Len(t, stored, 1)
			require.Equal(t, tc.caseRef, stored[0].CaseReference)
			require.Equal(t, []string{"name"}, stored[0].Fields)
		})
	}
}

// Bad input names every bad field at once and stores nothing; storing a
// field again keeps its token and replaces the value (normalized).
func TestStorePersonalDataValidatesAndKeepsTokens(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	me := as(citizen("cit-1"))
	_, err := f.app.StorePersonalData(me, app.StoreInput{SubjectID: "cit-1", Purpose: "Complaint!", Fields: []app.FieldValue{
		{Name: "phone", Value: "12"}, {Name: "shoe", Value: "270"}, {Name: "phone", Value: "010-1234-5678"}}})
	fields := errstest.Fields(t, err)
	require.ElementsMatch(t, []string{"purpose", "fields[0].value", "fields[1].name", "fields[2].name"}, fields)
	require.Zero(t, f.count())

	first := f.store(t, "cit-1", "phone", "010 1234 5678")
	again := f.store(t, "cit-1", "phone", "01099998888")
	require.Equal(t, first["phone"], again["phone"])
	got, err := f.app.RevealPersonalData(me, app.RevealInput{Tokens: []string{first["phone"]}, Purpose: "self_service"})
	require.NoError(t, err)
	require.Equal(t, "010-9999-8888", got[0].Value)
}
