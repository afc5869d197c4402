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

// A10.1: linking a value to a person is a disclosure: only a reveal rule
// for the field (a machine client: its lookup scope) allows it, a
// case-bound rule finds only the case's subjects (a family sharing a phone
// is not linked), and each match is logged for its subject.
func TestFindSubjectAuthorization(t *testing.T) {
	t.Parallel()
	civil := clients.Client{ID: "civil", Department: "SMG-ROAD", Lookup: map[string][]string{"complaint_handling": {"phone"}}}
	cases := []struct {
		name    string
		ctx     context.Context
		purpose string
		caseRef string
		want    errs.Kind
		found   []string
	}{
		{"the holding department finds its complainant only", as(official("o-1", "SMG-ROAD")), "complaint_handling", "cmp-1", ok, []string{"cit-1"}},
		{"another department", as(official("o-2", "SMG-PARKS")), "complaint_handling", "cmp-1", errs.KindPermissionDenied, nil},
		{"a privacy officer finds both", as(officer), "subject_access_request", "sar-1", ok, []string{"cit-1", "cit-family"}},
		{"a citizen", as(citizen("cit-1")), "self_service", "", errs.KindPermissionDenied, nil},
		{"a moderator", as(moderator), "complaint_handling", "cmp-1", errs.KindPermissionDenied, nil},
		{"anonymous", as(anonymous), "complaint_handling", "cmp-1", errs.KindUnauthenticated, nil},
		{"a department system within its case", machine(civil), "complaint_handling", "cmp-1", ok, []string{"cit-1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.store(t, "cit-1", "phone", "010-1234-5678")
			f.store(t, "cit-family", "phone", "01012345678")
			f.assign(t, "cmp-1", "SMG-ROAD", "cit-1")
			got, err := f.app.FindSubject(tc.ctx, app.LookupInput{Field: "phone", Value: "010 1234 5678", Purpose: tc.purpose, CaseReference: tc.caseRef})
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			var subjects []string
			for _, m := range got {
				subjects = append(subjects, m.SubjectID)
			}
			require.ElementsMatch(t, tc.found, subjects)
			require.Len(t, f.logged(domain.OutcomeLookedUp), len(tc.found))
		})
	}
}

// Each caller searches LookupsPerMinute times a minute; a miss is logged
// too; an unindexed field is bad input.
func TestFindSubjectLimitsAndMisses(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	in := app.LookupInput{Field: "phone", Value: "010-0000-0000", Purpose: "subject_access_request", CaseReference: "sar-1"}
	for range 60 {
		got, err := f.app.FindSubject(as(officer), in)
		require.NoError(t, err)
		require.Empty(t, got)
	}
	_, err := f.app.FindSubject(as(officer), in)
	require.Equal(t, errs.KindResourceExhausted, kindOf(err))
	require.Len(t, f.logged(domain.OutcomeLookedUp), 60, "every miss is logged")
	_, err = f.app.FindSubject(as(person("po-2", "privacy_officer")), app.LookupInput{Field: "name", Value: "홍길동", Purpose: "subject_access_request"})
	require.Equal(t, errs.KindInvalid, kindOf(err))
}
