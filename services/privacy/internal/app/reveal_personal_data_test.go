package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// A10.1, A10.2: plaintext goes to the subject, and to others only by a rule
// of the reveal table: the official whose department holds the case, a
// privacy officer for a disclosure or subject access request, a machine
// client within its registration. A refused reveal returns nothing and is
// not logged; an allowed one is logged before the values are returned.
func TestRevealPersonalDataAuthorization(t *testing.T) {
	t.Parallel()
	mail := clients.Client{ID: "mail", Reveal: map[string][]string{"notification": {"email"}}}
	cases := []struct {
		name    string
		ctx     context.Context
		field   string
		purpose string
		caseRef string
		want    errs.Kind
	}{
		{"the subject", as(citizen("cit-1")), "phone", "self_service", "", ok},
		{"the holding department", as(official("o-1", "SMG-ROAD")), "phone", "complaint_handling", "cmp-1", ok},
		{"another department", as(official("o-2", "SMG-PARKS")), "phone", "complaint_handling", "cmp-1", errs.KindPermissionDenied},
		{"the holding department without the case", as(official("o-1", "SMG-ROAD")), "phone", "complaint_handling", "", errs.KindPermissionDenied},
		{"the holding department for a field outside the rule", as(official("o-1", "SMG-ROAD")), "account_number", "complaint_handling", "cmp-1", errs.KindPermissionDenied},
		{"a privacy officer for a subject access request", as(officer), "phone", "subject_access_request", "sar-1", ok},
		{"a moderator", as(moderator), "phone", "complaint_handling", "cmp-1", errs.KindPermissionDenied},
		{"an admin", as(admin), "phone", "subject_access_request", "sar-1", errs.KindPermissionDenied},
		{"another citizen", as(citizen("cit-2")), "phone", "self_service", "", errs.KindPermissionDenied},
		{"anonymous", as(anonymous), "phone", "self_service", "", errs.KindUnauthenticated},
		{"mail for a notification", machine(mail), "email", "notification", "", ok},
		{"mail for the phone", machine(mail), "phone", "notification", "", errs.KindPermissionDenied},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			tok := f.store(t, "cit-1", "phone", "010-1234-5678", "email", "hong@example.com", "account_number", "110-432-987654")
			f.assign(t, "cmp-1", "SMG-ROAD", "cit-1")
			got, err := f.app.RevealPersonalData(tc.ctx, app.RevealInput{Tokens: []string{tok[tc.field]}, Purpose: tc.purpose, CaseReference: tc.caseRef})
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			revealed := f.logged(domain.OutcomeRevealed)
			if tc.want != ok {
				require.Empty(t, got)
				require.Empty(t, revealed)
				return
			}
			require.Len(t, got, 1)
			require.Equal(t, "cit-1", got[0].SubjectID)
			require.Len(t, revealed, 1)
			require.Equal(t, tc.purpose, revealed[0].Purpose)
			require.Equal(t, tc.caseRef, revealed[0].CaseReference)
		})
	}
}

// One refused token refuses them all; a text bound to a case opens only
// under that case; unknown tokens are NotFound.
func TestRevealPersonalDataAllOrNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tok := f.store(t, "cit-1", "phone", "010-1234-5678", "account_number", "110-432-987654")
	texts, err := f.app.StorePersonalText(as(citizen("cit-1")), app.TextInput{SubjectID: "cit-1", Purpose: "complaint",
		CaseReference: "cmp-2", Texts: []app.TextValue{{Document: "petition/complaint/cmp-2/body", Text: "본문"}}})
	require.NoError(t, err)
	f.assign(t, "cmp-1", "SMG-ROAD", "cit-1")
	road := as(official("o-1", "SMG-ROAD"))
	_, err = f.app.RevealPersonalData(road, app.RevealInput{Tokens: []string{tok["phone"], tok["account_number"]},
		Purpose: "complaint_handling", CaseReference: "cmp-1"})
	require.Equal(t, errs.KindPermissionDenied, kindOf(err))
	_, err = f.app.RevealPersonalData(road, app.RevealInput{Tokens: []string{texts[0].Token}, Purpose: "complaint_handling", CaseReference: "cmp-1"})
	require.Equal(t, errs.KindPermissionDenied, kindOf(err), "the text belongs to cmp-2")
	require.Empty(t, f.logged(domain.OutcomeRevealed))
	_, err = f.app.RevealPersonalData(road, app.RevealInput{Tokens: []string{"pd_unknown"}, Purpose: "complaint_handling", CaseReference: "cmp-1"})
	require.Equal(t, errs.KindNotFound, kindOf(err))
	_, err = f.app.RevealPersonalData(road, app.RevealInput{Tokens: []string{"nope"}, Purpose: ""})
	require.Equal(t, errs.KindInvalid, kindOf(err))
}
