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

// A10.4: only the author vaults the original of their text (or a machine
// client on their behalf, as registered); nobody else writes into someone
// else's words, and a refusal keeps nothing.
func TestStorePersonalTextAuthorization(t *testing.T) {
	t.Parallel()
	mail := clients.Client{ID: "mail", Store: map[string][]string{"complaint": {"free_text"}}}
	cases := []struct {
		name string
		ctx  context.Context
		want errs.Kind
	}{
		{"the author", as(citizen("cit-1")), ok},
		{"another citizen", as(citizen("cit-2")), errs.KindPermissionDenied},
		{"an official", as(official("o-1", "SMG-ROAD")), errs.KindPermissionDenied},
		{"a privacy officer", as(officer), errs.KindPermissionDenied},
		{"anonymous", as(anonymous), errs.KindUnauthenticated},
		{"mail on the author's behalf", identity.WithOnBehalfOf(machine(mail), "cit-1"), ok},
		{"mail without a delegation", machine(mail), errs.KindPermissionDenied},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			out, err := f.app.StorePersonalText(tc.ctx, app.TextInput{SubjectID: "cit-1", Purpose: "complaint", CaseReference: "cmp-1",
				Texts: []app.TextValue{{Document: "petition/complaint/cmp-1/body", Text: "연락처 010-1234-5678"}}})
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			if tc.want != ok {
				require.Zero(t, f.count())
				require.Empty(t, f.logged(domain.OutcomeStored))
				return
			}
			require.Len(t, out, 1)
			require.Equal(t, []string{domain.FieldFreeText}, f.logged(domain.OutcomeStored)[0].Fields)
		})
	}
}

// Every bad text is named at once; nothing is stored.
func TestStorePersonalTextValidates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.app.StorePersonalText(as(citizen("cit-1")), app.TextInput{SubjectID: "cit-1", Purpose: "complaint",
		Texts: []app.TextValue{{Document: "Bad Name", Text: ""}, {Document: "a/b", Text: "x"}, {Document: "a/b", Text: "y"}}})
	fields := errstest.Fields(t, err)
	require.ElementsMatch(t, []string{"texts[0].document", "texts[0].text", "texts[2].document"}, fields)
	require.Zero(t, f.count())
}
