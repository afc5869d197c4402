package server_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// revealAs reveals tokens for purpose and caseRef as an official of department.
func (f fixture) revealAs(t testing.TB, subject, department, purpose, caseRef string, tokens ...string) (*privacyv1.RevealPersonalDataResponse, error) {
	t.Helper()
	return f.c.RevealPersonalData(f.as(t, servicetest.Official(subject, department)), &privacyv1.RevealPersonalDataRequest{
		Tokens: tokens, Purpose: purpose, CaseReference: caseRef})
}

// requireRefused checks the refusal is PermissionDenied and that nothing
// was written to the subject's access log for it (refusals are counted,
// not logged into the citizen's hash chain).
func (f fixture) requireRefused(t testing.TB, err error, dataSubject, actor, caseRef string) {
	t.Helper()
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	for _, e := range f.accessLog(t, dataSubject) {
		if e.GetActorSubject() == actor && e.GetCaseReference() == caseRef &&
			e.GetOutcome() != privacyv1.AccessOutcome_ACCESS_OUTCOME_REVEALED {
			t.Fatalf("the refusal of %s in case %q was written to %s's access log: %v", actor, caseRef, dataSubject, e)
		}
	}
}

// TestA10_1_A10_2_OnlyTheAssignedDepartmentRevealsTheComplainant: the
// petition service's assignment event grants the assigned department the
// complainant's contact data for that complaint only; another department,
// another case, another citizen's data are refused and logged; a transfer
// moves the grant; redeliveries and stale events change nothing; a
// transfer out of the city revokes it.
func TestA10_1_A10_2_OnlyTheAssignedDepartmentRevealsTheComplainant(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.store(t, "cit-g1", "name", "김민원", "phone", "010-2222-3333", "account_number", "1002-333-444555")
	other := f.store(t, "cit-g2", "phone", "010-4444-5555")

	f.complaintEvent(t, "assigned", "evt-1", &petitionv1.ComplaintEvent{ComplaintId: "cmp-1", ReceiptNumber: "SMG-2026-000001",
		DepartmentCode: "SMG-TRANSPORT", CitizenSubject: "cit-g1", Detail: "SMG-TRANSPORT", OccurTime: ago(time.Hour)})

	r, err := f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-1", tok["phone"])
	require.NoError(t, err)
	require.Equal(t, "010-2222-3333", r.Values[0].Value)

	_, err = f.revealAs(t, "o-welfare", "SMG-WELFARE", "complaint_handling", "cmp-1", tok["phone"])
	f.requireRefused(t, err, "cit-g1", "o-welfare", "cmp-1")
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-unrelated", tok["phone"])
	f.requireRefused(t, err, "cit-g1", "o-transport", "cmp-unrelated")
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-1", other["phone"])
	f.requireRefused(t, err, "cit-g2", "o-transport", "cmp-1")
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-1", tok["account_number"])
	f.requireRefused(t, err, "cit-g1", "o-transport", "cmp-1")
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "prize_delivery", "cmp-1", tok["phone"])
	f.requireRefused(t, err, "cit-g1", "o-transport", "cmp-1")
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-1", tok["phone"], other["phone"])
	servicetest.RequireCode(t, err, codes.PermissionDenied) // one refused token refuses the whole request

	// The complaint is transferred within the city: the grant moves.
	moved := &petitionv1.ComplaintEvent{ComplaintId: "cmp-1", DepartmentCode: "SMG-WELFARE",
		CitizenSubject: "cit-g1", Detail: "department:SMG-WELFARE", OccurTime: ago(30 * time.Minute)}
	f.complaintEvent(t, "transferred", "evt-2", moved)
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-1", tok["phone"])
	f.requireRefused(t, err, "cit-g1", "o-transport", "cmp-1")
	_, err = f.revealAs(t, "o-welfare", "SMG-WELFARE", "complaint_handling", "cmp-1", tok["phone"])
	require.NoError(t, err)

	// Who may see the grant.
	grants := f.grants(t, "cmp-1")
	require.Len(t, grants, 1)
	require.Equal(t, "SMG-WELFARE", grants[0].GetDepartmentCode())
	require.Equal(t, "cit-g1", grants[0].GetSubjectId())
	require.Nil(t, grants[0].GetExpireTime(), "an open complaint's grant is open-ended")
	for who, n := range map[string]int{"SMG-WELFARE": 1, "SMG-TRANSPORT": 0} {
		resp, err := f.c.ListRevealGrants(f.as(t, servicetest.Official("o", who)), &privacyv1.ListRevealGrantsRequest{CaseReference: "cmp-1"})
		require.NoError(t, err)
		require.Len(t, resp.RevealGrants, n, who)
	}
	mine, err := f.c.ListRevealGrants(f.as(t, servicetest.Citizen("cit-g1")), &privacyv1.ListRevealGrantsRequest{CaseReference: "cmp-1"})
	require.NoError(t, err)
	require.Len(t, mine.RevealGrants, 1)
	_, err = f.c.ListRevealGrants(f.as(t, servicetest.Moderator("mod")), &privacyv1.ListRevealGrantsRequest{CaseReference: "cmp-1"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.ListRevealGrants(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.ListRevealGrantsRequest{})
	servicetest.RequireInvalidField(t, err, "case_reference")
	_, err = f.c.ListRevealGrants(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.ListRevealGrantsRequest{CaseReference: "cmp-1", Purpose: "marketing"})
	servicetest.RequireInvalidField(t, err, "purpose")

	// Redelivery of the transfer under its own id (past the stream's
	// de-duplication window) changes nothing: it is the newest event the
	// case saw, so only the inbox drops it; applied again it would rewrite
	// the live grant (event_id, updated_at). A marker event published after
	// it shows when it has been processed (one durable applies them in order).
	grantRows := func() string {
		var s string
		require.NoError(t, f.db.QueryRow(t.Context(), `SELECT string_agg(concat_ws('|', id, department, revoked_at,
			expires_at, reason, event_id, updated_at), ',' ORDER BY id) FROM reveal_grants WHERE case_reference = 'cmp-1'`).Scan(&s))
		return s
	}
	before := grantRows()
	servicetest.PublishDuplicate(t, f.env.JS, "petition", "seoul.petition.complaint.transferred", "evt-2", moved)
	f.complaintEvent(t, "assigned", "evt-2-marker", &petitionv1.ComplaintEvent{ComplaintId: "evt-2-marker-case",
		DepartmentCode: "SMG-MARKER", CitizenSubject: "marker"})
	require.Equal(t, before, grantRows())
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM inbox WHERE event_id = 'evt-2'`))
	// An old assignment arriving late under a new id is stale: ignored.
	f.complaintEvent(t, "assigned", "evt-late", &petitionv1.ComplaintEvent{ComplaintId: "cmp-1",
		DepartmentCode: "SMG-TRANSPORT", CitizenSubject: "cit-g1", Detail: "SMG-TRANSPORT", OccurTime: ago(time.Hour)})
	require.Equal(t, before, grantRows())
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-1", tok["phone"])
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.revealAs(t, "o-welfare", "SMG-WELFARE", "complaint_handling", "cmp-1", tok["phone"])
	require.NoError(t, err)

	// Transferred out of the city to the competent agency: nobody here keeps it.
	f.complaintEvent(t, "transferred", "evt-3", &petitionv1.ComplaintEvent{ComplaintId: "cmp-1", DepartmentCode: "SMG-WELFARE",
		CitizenSubject: "cit-g1", Detail: "agency:국토교통부"})
	_, err = f.revealAs(t, "o-welfare", "SMG-WELFARE", "complaint_handling", "cmp-1", tok["phone"])
	f.requireRefused(t, err, "cit-g1", "o-welfare", "cmp-1")
	require.Empty(t, f.grants(t, "cmp-1"))

	// The citizen and the privacy officer keep their own rules.
	_, err = f.reveal(t, "cit-g1", tok["phone"])
	require.NoError(t, err)
	_, err = f.c.RevealPersonalData(f.as(t, servicetest.PrivacyOfficer("po")), &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{tok["phone"]}, Purpose: "subject_access_request", CaseReference: "sar-1"})
	require.NoError(t, err)
}

// TestA10_1_MayorsOfficeHoldsNewComplaintsUntilAssigned: before a
// complaint is assigned, the Mayor's office (the dispatcher, which may also
// answer it directly) holds the grant; the assignment moves it.
func TestA10_1_MayorsOfficeHoldsNewComplaintsUntilAssigned(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.store(t, "cit-m1", "phone", "010-3131-3131")
	f.complaintEvent(t, "received", "m-received", &petitionv1.ComplaintEvent{ComplaintId: "cmp-m",
		CitizenSubject: "cit-m1", OccurTime: ago(2 * time.Hour)})
	_, err := f.revealAs(t, "o-civil", "SMG-CIVIL", "complaint_handling", "cmp-m", tok["phone"])
	require.NoError(t, err)
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-m", tok["phone"])
	f.requireRefused(t, err, "cit-m1", "o-transport", "cmp-m")

	f.complaintEvent(t, "assigned", "m-assigned", &petitionv1.ComplaintEvent{ComplaintId: "cmp-m",
		DepartmentCode: "SMG-TRANSPORT", CitizenSubject: "cit-m1", OccurTime: ago(time.Hour)})
	_, err = f.revealAs(t, "o-transport", "SMG-TRANSPORT", "complaint_handling", "cmp-m", tok["phone"])
	require.NoError(t, err)
	_, err = f.revealAs(t, "o-civil", "SMG-CIVIL", "complaint_handling", "cmp-m", tok["phone"])
	f.requireRefused(t, err, "cit-m1", "o-civil", "cmp-m")
}

// TestA10_1_A10_2_AnsweredComplaintKeepsGrantForGracePeriod: after the
// answer the department keeps the grant for the grace period, then loses
// it; an additional answer requested (reopened) gives it back.
func TestA10_1_A10_2_AnsweredComplaintKeepsGrantForGracePeriod(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.store(t, "cit-grace", "phone", "010-6666-7777")

	f.complaintEvent(t, "assigned", "g-assigned-old", &petitionv1.ComplaintEvent{ComplaintId: "cmp-old",
		DepartmentCode: "SMG-CULTURE", CitizenSubject: "cit-grace", OccurTime: ago(40 * 24 * time.Hour)})
	f.complaintEvent(t, "answered", "g-answered-old", &petitionv1.ComplaintEvent{ComplaintId: "cmp-old",
		DepartmentCode: "SMG-CULTURE", CitizenSubject: "cit-grace", Detail: "answered", OccurTime: ago(31 * 24 * time.Hour)})
	_, err := f.revealAs(t, "o-culture", "SMG-CULTURE", "complaint_handling", "cmp-old", tok["phone"])
	f.requireRefused(t, err, "cit-grace", "o-culture", "cmp-old")
	require.Empty(t, f.grants(t, "cmp-old"), "an expired grant is not listed")

	f.complaintEvent(t, "assigned", "g-assigned-new", &petitionv1.ComplaintEvent{ComplaintId: "cmp-new",
		DepartmentCode: "SMG-CULTURE", CitizenSubject: "cit-grace", OccurTime: ago(48 * time.Hour)})
	answered := ago(24 * time.Hour)
	f.complaintEvent(t, "answered", "g-answered-new", &petitionv1.ComplaintEvent{ComplaintId: "cmp-new",
		DepartmentCode: "SMG-CULTURE", CitizenSubject: "cit-grace", Detail: "answered", OccurTime: answered})
	_, err = f.revealAs(t, "o-culture", "SMG-CULTURE", "complaint_handling", "cmp-new", tok["phone"])
	require.NoError(t, err, "within the grace period")
	g := f.grants(t, "cmp-new")
	require.Len(t, g, 1)
	require.WithinDuration(t, answered.AsTime().Add(30*24*time.Hour), g[0].GetExpireTime().AsTime(), time.Second)

	// The old complaint is reopened (additional answer requested): open again.
	f.complaintEvent(t, "reopened", "g-reopened-old", &petitionv1.ComplaintEvent{ComplaintId: "cmp-old",
		DepartmentCode: "SMG-CULTURE", CitizenSubject: "cit-grace", Detail: "additional answer requested"})
	_, err = f.revealAs(t, "o-culture", "SMG-CULTURE", "complaint_handling", "cmp-old", tok["phone"])
	require.NoError(t, err)
	require.Nil(t, f.grants(t, "cmp-old")[0].GetExpireTime())
}

// TestA10_1_A10_2_PrizeWinnersRevealedOnlyToTheEventsDepartment: a prize
// award grants the department running the event its winner's delivery
// data, whichever of award and announcement arrives first; nobody else,
// no other winner, no other purpose; and only for the delivery window.
func TestA10_1_A10_2_PrizeWinnersRevealedOnlyToTheEventsDepartment(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig(), servicetest.WithClients(`{"clients":[{"id":"prize-delivery",
	  "methods":["/seoul.privacy.v1.PrivacyService/RevealPersonalData"],
	  "reveal":{"prize_delivery":["name","phone","address","postal_code"]}}]}`))
	win := f.store(t, "winner-1", "name", "이당첨", "phone", "010-8888-9999", "address", "서울특별시 중구 세종대로 110")
	loser := f.store(t, "entrant-2", "phone", "010-1111-0000")
	late := f.store(t, "winner-old", "phone", "010-1212-3434")

	// Award first: the department is not known yet, so nobody may reveal.
	f.eventEvent(t, "seoul.event.prize.awarded", "pa-1", &eventv1.PrizeAwarded{EventId: "ev-1", PrizeId: "p-1", SubjectId: "winner-1",
		PrizeKind: "goods", AwardId: "aw-1", OccurTime: ago(time.Hour)})
	_, err := f.revealAs(t, "o-culture", "SMG-CULTURE", "prize_delivery", "ev-1", win["phone"])
	f.requireRefused(t, err, "winner-1", "o-culture", "ev-1")

	f.eventEvent(t, "seoul.event.participation.announced", "ann-1", &eventv1.ParticipationEventChanged{EventId: "ev-1",
		DepartmentCode: "SMG-CULTURE", Purpose: "prize_delivery", OccurTime: ago(2 * time.Hour)})
	r, err := f.revealAs(t, "o-culture", "SMG-CULTURE", "prize_delivery", "ev-1", win["phone"], win["address"])
	require.NoError(t, err)
	require.Len(t, r.Values, 2)

	_, err = f.revealAs(t, "o-welfare", "SMG-WELFARE", "prize_delivery", "ev-1", win["phone"])
	f.requireRefused(t, err, "winner-1", "o-welfare", "ev-1")
	_, err = f.revealAs(t, "o-culture", "SMG-CULTURE", "prize_delivery", "ev-1", loser["phone"])
	f.requireRefused(t, err, "entrant-2", "o-culture", "ev-1")
	_, err = f.revealAs(t, "o-culture", "SMG-CULTURE", "complaint_handling", "ev-1", win["phone"])
	f.requireRefused(t, err, "winner-1", "o-culture", "ev-1")
	g := f.grants(t, "ev-1")
	require.Len(t, g, 1)
	require.Equal(t, "SMG-CULTURE", g[0].GetDepartmentCode())
	require.Equal(t, "prize_delivery", g[0].GetPurpose())

	// Announcement first, award later: allowed at once. An award beyond the
	// delivery window allows nothing.
	f.eventEvent(t, "seoul.event.participation.announced", "ann-2", &eventv1.ParticipationEventChanged{EventId: "ev-2", DepartmentCode: "SMG-CULTURE"})
	f.eventEvent(t, "seoul.event.prize.awarded", "pa-2", &eventv1.PrizeAwarded{EventId: "ev-2", SubjectId: "winner-1", AwardId: "aw-2"})
	_, err = f.revealAs(t, "o-culture", "SMG-CULTURE", "prize_delivery", "ev-2", win["phone"])
	require.NoError(t, err)
	f.eventEvent(t, "seoul.event.prize.awarded", "pa-old", &eventv1.PrizeAwarded{EventId: "ev-2", SubjectId: "winner-old", AwardId: "aw-old",
		OccurTime: ago(91 * 24 * time.Hour)})
	_, err = f.revealAs(t, "o-culture", "SMG-CULTURE", "prize_delivery", "ev-2", late["phone"])
	f.requireRefused(t, err, "winner-old", "o-culture", "ev-2")

	// A delivery system (a registered machine client) may use the case's
	// grant: the winner's address in that event, but no one else's and no
	// other case.
	deliverer := f.as(t, servicetest.Machine("prize-delivery"))
	_, err = f.c.RevealPersonalData(deliverer, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{win["address"]}, Purpose: "prize_delivery", CaseReference: "ev-1"})
	require.NoError(t, err)
	_, err = f.c.RevealPersonalData(deliverer, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{loser["phone"]}, Purpose: "prize_delivery", CaseReference: "ev-1"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.RevealPersonalData(deliverer, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{win["address"]}, Purpose: "prize_delivery", CaseReference: "ev-unknown"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
}

// TestA10_1_CaseBoundLookupFindsOnlyTheCasesSubject: a blind-index lookup
// by the department holding a complaint links the value only to the
// complainant, never to others sharing it; without a grant it is refused
// (and nothing is written to anyone's log for the refusal).
func TestA10_1_CaseBoundLookupFindsOnlyTheCasesSubject(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	f.store(t, "family-a", "phone", "010-3030-4040")
	f.store(t, "family-b", "phone", "010-3030-4040")
	f.assign(t, "cmp-family", "SMG-HOUSING", "family-a")

	found, err := f.c.FindSubject(f.as(t, servicetest.Official("o-housing", "SMG-HOUSING")), &privacyv1.FindSubjectRequest{
		Field: "phone", Value: "01030304040", Purpose: "complaint_handling", CaseReference: "cmp-family"})
	require.NoError(t, err)
	require.Len(t, found.Matches, 1)
	require.Equal(t, "family-a", found.Matches[0].SubjectId)

	_, err = f.c.FindSubject(f.as(t, servicetest.Official("o-welfare", "SMG-WELFARE")), &privacyv1.FindSubjectRequest{
		Field: "phone", Value: "01030304040", Purpose: "complaint_handling", CaseReference: "cmp-family"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	require.Zero(t, f.count(t, `SELECT count(*) FROM access_log WHERE actor_subject = 'o-welfare'`))
	require.Zero(t, f.count(t, `SELECT count(*) FROM access_log WHERE subject_id = 'family-b' AND outcome = 'looked_up'`))
}
