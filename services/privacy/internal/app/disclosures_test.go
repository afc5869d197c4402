package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func investigation(subject string) domain.Disclosure {
	return domain.Disclosure{Requester: "서울중앙지방검찰청", Basis: domain.BasisInvestigation, LegalReference: "형사소송법 제199조",
		Purpose: "investigation", SubjectID: subject, Fields: []string{"phone"}}
}

// A10.2: officials and privacy officers record requests; privacy officers
// and admins read the register (the recorder reads their own entry).
func TestDisclosureRegisterAuthorization(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name               string
		claims             identity.Claims
		request, get, list errs.Kind
	}{
		{"official (the recorder)", official("o-1", "SMG-ROAD"), ok, ok, errs.KindPermissionDenied},
		{"privacy officer", officer, ok, ok, ok},
		{"admin", admin, errs.KindPermissionDenied, ok, ok},
		{"citizen", citizen("cit-1"), errs.KindPermissionDenied, errs.KindPermissionDenied, errs.KindPermissionDenied},
		{"anonymous", anonymous, errs.KindUnauthenticated, errs.KindUnauthenticated, errs.KindUnauthenticated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			_, err := f.app.RequestDisclosure(as(tc.claims), investigation("cit-1"))
			require.Equal(t, tc.request, kindOf(err), "request: %v", err)
			d := investigation("cit-1")
			if tc.request != ok {
				require.Empty(t, f.disclosures)
				d, err = f.app.RequestDisclosure(as(official("o-1", "SMG-ROAD")), d)
				require.NoError(t, err)
			} else {
				for _, x := range f.disclosures {
					d = x
				}
			}
			_, err = f.app.GetDisclosure(as(tc.claims), d.ID)
			require.Equal(t, tc.get, kindOf(err), "get: %v", err)
			_, _, err = f.app.ListDisclosures(as(tc.claims), 0, "")
			require.Equal(t, tc.list, kindOf(err), "list: %v", err)
		})
	}
}

// A10.2: a request is decided by a privacy officer other than its recorder
// (four eyes), released once, and what goes out is in the access log with
// the release; a consent-based request needs a live consent at approval
// and again at release.
func TestDisclosureDecisionAndRelease(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.store(t, "cit-1", "phone", "010-1234-5678")
	recorder, approver := as(officer), as(person("po-2", identity.RolePrivacyOfficer))
	d, err := f.app.RequestDisclosure(recorder, investigation("cit-1"))
	require.NoError(t, err)
	for name, c := range map[string]struct {
		claims identity.Claims
		want   errs.Kind
	}{
		"the recorder": {officer, errs.KindPermissionDenied},
		"an official":  {official("o-1", "SMG-ROAD"), errs.KindPermissionDenied},
		"anonymous":    {anonymous, errs.KindUnauthenticated},
	} {
		_, err := f.app.DecideDisclosure(as(c.claims), d.ID, true, "")
		require.Equal(t, c.want, kindOf(err), name)
	}
	_, err = f.app.ReleaseDisclosure(approver, d.ID)
	require.Equal(t, errs.KindFailedPrecondition, kindOf(err), "not approved yet")
	require.Empty(t, f.logged(domain.OutcomeDisclosed))
	decided, err := f.app.DecideDisclosure(approver, d.ID, true, "영장 확인 010-9999-8888")
	require.NoError(t, err)
	require.Equal(t, domain.StatusApproved, decided.Status)
	require.Equal(t, "영장 확인 010-****-8888", decided.DecisionReason, "officers' notes are stored masked")
	_, err = f.app.ReleaseDisclosure(as(official("o-1", "SMG-ROAD")), d.ID)
	require.Equal(t, errs.KindPermissionDenied, kindOf(err))
	rel, err := f.app.ReleaseDisclosure(approver, d.ID)
	require.NoError(t, err)
	require.Equal(t, "010-1234-5678", rel.Values[0].Value)
	disclosed := f.logged(domain.OutcomeDisclosed)
	require.Len(t, disclosed, 1)
	require.Equal(t, d.ID, disclosed[0].CaseReference)
	_, err = f.app.ReleaseDisclosure(approver, d.ID)
	require.Equal(t, errs.KindFailedPrecondition, kindOf(err), "released once")
	require.Len(t, f.logged(domain.OutcomeDisclosed), 1)

	consent := domain.Disclosure{Requester: "연구소", Basis: domain.BasisConsent, Purpose: "research", SubjectID: "cit-1", Fields: []string{"phone"}}
	c, err := f.app.RequestDisclosure(recorder, consent)
	require.NoError(t, err)
	_, err = f.app.DecideDisclosure(approver, c.ID, true, "")
	require.Equal(t, errs.KindFailedPrecondition, kindOf(err), "no live consent")
}
