package server_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// TestA10_2_ConsentBasedDisclosure: identifiable data goes to a third
// party only with the subject's consent, checked at approval and again at
// release, and the release is in the subject's access log.
func TestA10_2_ConsentBasedDisclosure(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "consenter", "name", "동의인", "phone", "010-1212-3434")
	me := f.as(t, servicetest.Citizen("consenter"))
	official := f.as(t, servicetest.Official("o-culture", "SMG-CULTURE"))
	officer := f.as(t, servicetest.PrivacyOfficer("po-2"))

	req, err := f.c.RequestDisclosure(official, &privacyv1.RequestDisclosureRequest{RequestId: "req-1",
		Requester: "세종문화회관", LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_CONSENT, Purpose: "ticket_delivery",
		SubjectId: "consenter", Fields: []string{"name", "phone"}})
	require.NoError(t, err)
	again, err := f.c.RequestDisclosure(official, &privacyv1.RequestDisclosureRequest{RequestId: "req-1",
		Requester: "세종문화회관", LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_CONSENT, Purpose: "ticket_delivery",
		SubjectId: "consenter", Fields: []string{"name", "phone"}})
	require.NoError(t, err)
	require.Equal(t, req.Disclosure.Id, again.Disclosure.Id, "request_id makes the retry record once")
	id := req.Disclosure.Id

	_, err = f.c.DecideDisclosure(officer, &privacyv1.DecideDisclosureRequest{DisclosureId: id, Approve: true})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // no consent yet

	_, err = f.c.GrantConsent(me, &privacyv1.GrantConsentRequest{SubjectId: "consenter", Purpose: "ticket_delivery", PolicyVersion: "1.0"})
	require.NoError(t, err)
	_, err = f.c.DecideDisclosure(official, &privacyv1.DecideDisclosureRequest{DisclosureId: id, Approve: true})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	d, err := f.c.DecideDisclosure(officer, &privacyv1.DecideDisclosureRequest{DisclosureId: id, Approve: true, Reason: "동의 확인"})
	require.NoError(t, err)
	require.Equal(t, privacyv1.DisclosureStatus_DISCLOSURE_STATUS_APPROVED, d.Disclosure.Status)
	require.Equal(t, "po-2", d.Disclosure.Approver)

	rel, err := f.c.ReleaseDisclosure(officer, &privacyv1.ReleaseDisclosureRequest{DisclosureId: id})
	require.NoError(t, err)
	require.Len(t, rel.Values, 2)
	require.Equal(t, privacyv1.DisclosureStatus_DISCLOSURE_STATUS_RELEASED, rel.Disclosure.Status)
	_, err = f.c.ReleaseDisclosure(officer, &privacyv1.ReleaseDisclosureRequest{DisclosureId: id})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)

	log := f.accessLog(t, "consenter")
	require.Equal(t, privacyv1.AccessOutcome_ACCESS_OUTCOME_DISCLOSED, log[0].GetOutcome())
	require.Equal(t, id, log[0].GetCaseReference())
}

// TestA10_2_WithdrawnConsentStopsRelease.
func TestA10_2_WithdrawnConsentStopsRelease(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "changer", "email", "c@example.com")
	me := f.as(t, servicetest.Citizen("changer"))
	officer := f.as(t, servicetest.PrivacyOfficer("po-3"))
	_, err := f.c.GrantConsent(me, &privacyv1.GrantConsentRequest{SubjectId: "changer", Purpose: "newsletter_partner", PolicyVersion: "1.0"})
	require.NoError(t, err)
	req, err := f.c.RequestDisclosure(f.as(t, servicetest.Official("o", "SMG-CULTURE")), &privacyv1.RequestDisclosureRequest{
		Requester: "협력기관", LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_CONSENT, Purpose: "newsletter_partner",
		SubjectId: "changer", Fields: []string{"email"}})
	require.NoError(t, err)
	_, err = f.c.DecideDisclosure(officer, &privacyv1.DecideDisclosureRequest{DisclosureId: req.Disclosure.Id, Approve: true})
	require.NoError(t, err)
	w, err := f.c.WithdrawConsent(me, &privacyv1.WithdrawConsentRequest{SubjectId: "changer", Purpose: "newsletter_partner"})
	require.NoError(t, err)
	require.NotNil(t, w.Consent.WithdrawTime)
	_, err = f.c.ReleaseDisclosure(officer, &privacyv1.ReleaseDisclosureRequest{DisclosureId: req.Disclosure.Id})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)

	list, err := f.c.ListConsents(me, &privacyv1.ListConsentsRequest{SubjectId: "changer"})
	require.NoError(t, err)
	require.Len(t, list.Consents, 1)
	require.Equal(t, "1.0", list.Consents[0].PolicyVersion)
	require.NotNil(t, list.Consents[0].GrantTime)
	_, err = f.c.ListConsents(f.as(t, servicetest.Citizen("nosy")), &privacyv1.ListConsentsRequest{SubjectId: "changer"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.GrantConsent(me, &privacyv1.GrantConsentRequest{SubjectId: "changer", Purpose: "x_y", PolicyVersion: "9.9"})
	servicetest.RequireInvalidField(t, err, "policy_version")
}

// TestA10_2_InvestigationRequestNeedsApproval: basis (1) releases
// identifiable data only after a privacy officer other than the recorder
// approves; a rejected request releases nothing.
func TestA10_2_InvestigationRequestNeedsApproval(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "suspect", "name", "피의자", "phone", "010-5656-7878")
	recorder := f.as(t, servicetest.PrivacyOfficer("po-rec"))
	approver := f.as(t, servicetest.PrivacyOfficer("po-app"))
	mk := func() string {
		r, err := f.c.RequestDisclosure(recorder, &privacyv1.RequestDisclosureRequest{Requester: "서울중부경찰서",
			LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_INVESTIGATION, LegalReference: "형사소송법 제199조, 수사협조의뢰 2026-1182",
			Purpose: "criminal_investigation", SubjectId: "suspect", Fields: []string{"phone"}})
		require.NoError(t, err)
		return r.Disclosure.Id
	}
	id := mk()
	_, err := f.c.ReleaseDisclosure(approver, &privacyv1.ReleaseDisclosureRequest{DisclosureId: id})
	servicetest.RequireCode(t, err, codes.FailedPrecondition) // pending
	_, err = f.c.DecideDisclosure(recorder, &privacyv1.DecideDisclosureRequest{DisclosureId: id, Approve: true})
	servicetest.RequireCode(t, err, codes.PermissionDenied) // four eyes
	_, err = f.c.DecideDisclosure(approver, &privacyv1.DecideDisclosureRequest{DisclosureId: id, Approve: true})
	require.NoError(t, err)
	rel, err := f.c.ReleaseDisclosure(approver, &privacyv1.ReleaseDisclosureRequest{DisclosureId: id})
	require.NoError(t, err)
	require.Equal(t, "010-5656-7878", rel.Values[0].Value)

	rejected := mk()
	_, err = f.c.DecideDisclosure(approver, &privacyv1.DecideDisclosureRequest{DisclosureId: rejected, Approve: false, Reason: "영장 미첨부"})
	require.NoError(t, err)
	_, err = f.c.ReleaseDisclosure(approver, &privacyv1.ReleaseDisclosureRequest{DisclosureId: rejected})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)

	reg, err := f.c.ListDisclosures(f.as(t, servicetest.Admin("adm")), &privacyv1.ListDisclosuresRequest{PageSize: 1})
	require.NoError(t, err)
	require.Len(t, reg.Disclosures, 1)
	require.Equal(t, rejected, reg.Disclosures[0].Id)
	next, err := f.c.ListDisclosures(f.as(t, servicetest.Admin("adm")), &privacyv1.ListDisclosuresRequest{PageSize: 1, PageToken: reg.NextPageToken})
	require.NoError(t, err)
	require.Equal(t, id, next.Disclosures[0].Id)
	_, err = f.c.ListDisclosures(f.as(t, servicetest.Official("o", "SMG-CIVIL")), &privacyv1.ListDisclosuresRequest{})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
}

// TestA10_2_StatisticsYieldOnlySuppressedAggregates: basis (2) never names
// a subject and releases counts by district with cells under 5 suppressed,
// and more cells suppressed with them (complementary suppression), so the
// one person in 종로구 cannot be recovered by subtracting the visible
// cells from the published total.
func TestA10_2_StatisticsYieldOnlySuppressedAggregates(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	for i := range 6 {
		f.store(t, fmt.Sprintf("jung-%d", i), "address", fmt.Sprintf("서울특별시 중구 세종대로 %d", 100+i))
	}
	for i := range 7 {
		f.store(t, fmt.Sprintf("mapo-%d", i), "address", fmt.Sprintf("서울특별시 마포구 월드컵로 %d", 200+i))
	}
	f.store(t, "jongno-0", "address", "서울특별시 종로구 사직로 161")
	officer := f.as(t, servicetest.PrivacyOfficer("po-s"))
	_, err := f.c.RequestDisclosure(officer, &privacyv1.RequestDisclosureRequest{Requester: "서울연구원",
		LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_STATISTICS, Purpose: "urban_research", SubjectId: "jung-0",
		Dimension: privacyv1.StatisticDimension_STATISTIC_DIMENSION_DISTRICT})
	servicetest.RequireInvalidField(t, err, "subject_id")
	req, err := f.c.RequestDisclosure(officer, &privacyv1.RequestDisclosureRequest{Requester: "서울연구원",
		LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_STATISTICS, Purpose: "urban_research",
		Dimension: privacyv1.StatisticDimension_STATISTIC_DIMENSION_DISTRICT})
	require.NoError(t, err)
	_, err = f.c.DecideDisclosure(f.as(t, servicetest.PrivacyOfficer("po-t")), &privacyv1.DecideDisclosureRequest{DisclosureId: req.Disclosure.Id, Approve: true})
	require.NoError(t, err)
	rel, err := f.c.ReleaseDisclosure(f.as(t, servicetest.PrivacyOfficer("po-t")), &privacyv1.ReleaseDisclosureRequest{DisclosureId: req.Disclosure.Id})
	require.NoError(t, err)
	require.Empty(t, rel.Values)
	require.EqualValues(t, 5, rel.SuppressionThreshold)
	require.EqualValues(t, 14, rel.Total)
	cells := map[string]*privacyv1.StatisticCell{}
	for _, c := range rel.Cells {
		cells[c.Label] = c
	}
	require.Len(t, cells, 3)
	require.True(t, cells["서울특별시 종로구"].Suppressed)
	require.Zero(t, cells["서울특별시 종로구"].Count)
	require.EqualValues(t, 7, cells["서울특별시 마포구"].Count)
	// The attack: total minus the visible cells is what the suppressed
	// cells hold together; with one suppressed cell that would be its
	// count. Here two share it, each could hold 1 to 6.
	hidden, suppressed := rel.Total, 0
	for _, c := range rel.Cells {
		if c.Suppressed {
			suppressed++
		} else {
			hidden -= c.Count
		}
	}
	require.Equal(t, 2, suppressed, "중구 is suppressed with 종로구")
	require.Zero(t, cells["서울특별시 중구"].Count)
	require.Greater(t, hidden-int64(suppressed-1), int64(1), "no suppressed cell is pinned to one count")
}

// A10.2: a disclosure request's request_id is the recorder's own: another
// official using the same id records their own request instead of being
// handed someone else's (with its subject, basis and requester).
func TestA10_2_DisclosureRequestIDsAreScopedToTheRecorder(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	record := func(who, requester string) *privacyv1.Disclosure {
		r, err := f.c.RequestDisclosure(f.as(t, servicetest.Official(who, "SMG-CULTURE")), &privacyv1.RequestDisclosureRequest{
			RequestId: "shared-disclosure-1", Requester: requester, LegalBasis: privacyv1.LegalBasis_LEGAL_BASIS_CONSENT,
			Purpose: "ticket_delivery", SubjectId: "subject-" + who, Fields: []string{"name"}})
		require.NoError(t, err)
		return r.GetDisclosure()
	}
	first, second := record("o-first", "세종문화회관"), record("o-second", "서울시립미술관")
	require.NotEqual(t, first.GetId(), second.GetId())
	require.Equal(t, "subject-o-second", second.GetSubjectId())
	require.Equal(t, first.GetId(), record("o-first", "세종문화회관").GetId(), "the recorder's retry returns the first")
}
