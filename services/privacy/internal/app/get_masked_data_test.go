package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// A10.1: masked views go to the subject (not logged) and to the city's
// staff (logged for the subject to see); never to other citizens, and to
// a machine client only for a field it reveals without a case.
func TestGetMaskedDataAuthorization(t *testing.T) {
	t.Parallel()
	mail := clients.Client{ID: "mail", Reveal: map[string][]string{"notification": {"email"}}}
	cases := []struct {
		name   string
		ctx    context.Context
		fields []string
		want   errs.Kind
		logged bool
	}{
		{"the subject", as(citizen("cit-1")), nil, ok, false},
		{"a moderator", as(moderator), []string{"name"}, ok, true},
		{"an official", as(official("o-1", "SMG-ROAD")), nil, ok, true},
		{"another citizen", as(citizen("cit-2")), nil, errs.KindPermissionDenied, false},
		{"anonymous", as(anonymous), nil, errs.KindUnauthenticated, false},
		{"mail for the e-mail it reveals", machine(mail), []string{"email"}, ok, true},
		{"mail for the name", machine(mail), []string{"name"}, errs.KindPermissionDenied, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.store(t, "cit-1", "name", "홍길동", "email", "hong@example.com")
			view, err := f.app.GetMaskedData(tc.ctx, "cit-1", tc.fields)
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			require.Equal(t, tc.logged, len(f.logged(domain.OutcomeMasked)) == 1)
			if tc.want == ok && len(tc.fields) == 1 && tc.fields[0] == "email" {
				require.Equal(t, "h***@example.com", view.Masked["email"])
			}
		})
	}
}

// A subject the vault holds nothing about, or erased, is NotFound; a bad
// field list names each bad field.
func TestGetMaskedDataOfNobody(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.app.GetMaskedData(as(moderator), "nobody", nil)
	require.Equal(t, errs.KindNotFound, kindOf(err))
	_, err = f.app.GetMaskedData(as(moderator), "cit-1", []string{"name", "shoe"})
	require.Equal(t, errs.KindInvalid, kindOf(err))
	f.store(t, "cit-1", "name", "홍길동")
	_, err = f.app.EraseSubject(as(citizen("cit-1")), "cit-1")
	require.NoError(t, err)
	_, err = f.app.GetMaskedData(as(moderator), "cit-1", nil)
	require.Equal(t, errs.KindNotFound, kindOf(err))
}
