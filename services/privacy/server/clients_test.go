package server_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

const (
	methodReveal = "/seoul.privacy.v1.PrivacyService/RevealPersonalData"
	methodLookup = "/seoul.privacy.v1.PrivacyService/FindSubject"
	methodMasked = "/seoul.privacy.v1.PrivacyService/GetMaskedData"
	methodStore  = "/seoul.privacy.v1.PrivacyService/StorePersonalData"
)

// testClients is the machine-client registry of these tests: a redemption
// partner, the civil-complaint department's system and the mail service.
const testClients = `{"clients":[
  {"id":"mileage-partner","methods":["` + methodReveal + `","` + methodMasked + `","` + methodLookup + `"],
   "reveal":{"redemption":["transit_card_number","account_number","name"]}},
  {"id":"civil-system","department":"SMG-CIVIL","methods":["` + methodReveal + `","` + methodLookup + `","` + methodStore + `"],
   "reveal":{"complaint_handling":["name","phone"]},"lookup":{"complaint_handling":["phone"]}},
  {"id":"mail","methods":["` + methodReveal + `"],"reveal":{"notification":["email"]}}]}`

// redemption publishes the mileage service's redemption event (held or
// settled) and waits until the privacy service applied it.
func (f fixture) redemption(t testing.TB, verb, id, subject string, at time.Time) {
	t.Helper()
	ev := &mileagev1.RedemptionChanged{RedemptionId: id, SubjectId: subject, Channel: "transit", Status: verb,
		OccurTime: timestamppb.New(at), HoldExpireTime: timestamppb.New(at.Add(2 * time.Minute))}
	eventID := verb + "-" + id
	servicetest.PublishEvent(t, f.env.JS, "mileage", "seoul.mileage.redemption."+verb, eventID, ev)
	f.waitApplied(t, "grants-mileage", eventID)
}

// A3.2, A10.1, A10.2 (the "High"): a machine-client token used to
// list anyone's tokens, reveal a card number, name and phone with any
// made-up case_reference, and link a phone number to subjects. Now a
// client reveals only the fields its registration names, only while a
// redemption of that very citizen is held, sees no masked views, and
// searches nothing it is not registered to.
func TestA3_2_A10_1_MachineClientRevealsOnlyForALiveCaseItsScopeCovers(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig(), servicetest.WithClients(testClients))
	b := f.store(t, "cit-b", "name", "박시민", "phone", "010-5555-6666", "transit_card_number", "1234-5678-9012-3456")
	c := f.store(t, "cit-c", "transit_card_number", "9999-8888-7777-6666")
	partner := f.as(t, servicetest.Machine("mileage-partner"))

	_, err := f.c.GetMaskedData(partner, &privacyv1.GetMaskedDataRequest{SubjectId: "cit-b"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.RevealPersonalData(partner, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{b["transit_card_number"], b["name"]}, Purpose: "redemption", CaseReference: "made-up-1"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.FindSubject(partner, &privacyv1.FindSubjectRequest{Field: "phone", Value: "010-5555-6666", Purpose: "redemption"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.RevealPersonalData(f.as(t, servicetest.Machine("rogue")), &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{b["phone"]}, Purpose: "notification"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	held := time.Now().Add(-time.Second)
	f.redemption(t, "held", "0190aaaa-0000-7000-8000-000000000001", "cit-b", held)
	r, err := f.c.RevealPersonalData(partner, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{b["transit_card_number"], b["name"]}, Purpose: "redemption", CaseReference: "0190aaaa-0000-7000-8000-000000000001"})
	require.NoError(t, err)
	got := map[string]string{}
	for _, v := range r.GetValues() {
		got[v.GetField()] = v.GetValue()
	}
	require.Equal(t, map[string]string{"transit_card_number": "1234-5678-9012-3456", "name": "박시민"}, got)
	for _, refused := range [][]string{{b["phone"]}, {c["transit_card_number"]}} {
		_, err = f.c.RevealPersonalData(partner, &privacyv1.RevealPersonalDataRequest{
			Tokens: refused, Purpose: "redemption", CaseReference: "0190aaaa-0000-7000-8000-000000000001"})
		servicetest.RequireCode(t, err, codes.PermissionDenied) // a field outside its scope; another citizen
	}

	f.redemption(t, "settled", "0190aaaa-0000-7000-8000-000000000001", "cit-b", held.Add(time.Millisecond))
	_, err = f.c.RevealPersonalData(partner, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{b["transit_card_number"]}, Purpose: "redemption", CaseReference: "0190aaaa-0000-7000-8000-000000000001"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	var byPartner []*privacyv1.AccessLogEntry
	for _, e := range f.accessLog(t, "cit-b") {
		if e.GetActorSubject() == "client:mileage-partner" {
			byPartner = append(byPartner, e)
		}
	}
	require.Len(t, byPartner, 1, "only the reveal during the hold; refusals are not written to the citizen's log")
	require.Equal(t, privacyv1.AccessOutcome_ACCESS_OUTCOME_REVEALED, byPartner[0].GetOutcome())
	require.Equal(t, "mileage-partner", byPartner[0].GetCallingService(), "the verified client, for the audit")
	require.ElementsMatch(t, []string{"transit_card_number", "name"}, byPartner[0].GetFields())
}

// A3.2: a department's system reveals and searches only within complaints
// its department holds, and a search finds only that case's subjects; the
// mail service reveals e-mail addresses for notices, nothing else.
func TestA3_2_DepartmentSystemAndMailStayInTheirScope(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig(), servicetest.WithClients(testClients))
	b := f.store(t, "cit-d", "name", "최민원", "phone", "010-1212-3434", "email", "choi@example.com")
	f.store(t, "cit-e", "phone", "010-1212-3434") // a family sharing the phone
	civil := f.as(t, servicetest.Machine("civil-system"))

	_, err := f.c.RevealPersonalData(civil, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{b["phone"]}, Purpose: "complaint_handling", CaseReference: "cmp-sys-1"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	f.assign(t, "cmp-sys-1", "SMG-CIVIL", "cit-d")
	r, err := f.c.RevealPersonalData(civil, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{b["phone"]}, Purpose: "complaint_handling", CaseReference: "cmp-sys-1"})
	require.NoError(t, err)
	require.Equal(t, "010-1212-3434", r.GetValues()[0].GetValue())
	found, err := f.c.FindSubject(civil, &privacyv1.FindSubjectRequest{Field: "phone", Value: "010 1212 3434",
		Purpose: "complaint_handling", CaseReference: "cmp-sys-1"})
	require.NoError(t, err)
	require.Len(t, found.GetMatches(), 1)
	require.Equal(t, "cit-d", found.GetMatches()[0].GetSubjectId())
	_, err = f.c.FindSubject(civil, &privacyv1.FindSubjectRequest{Field: "email", Value: "choi@example.com",
		Purpose: "complaint_handling", CaseReference: "cmp-sys-1"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	mail := f.as(t, servicetest.Machine("mail"))
	r, err = f.c.RevealPersonalData(mail, &privacyv1.RevealPersonalDataRequest{Tokens: []string{b["email"]}, Purpose: "notification"})
	require.NoError(t, err)
	require.Equal(t, "choi@example.com", r.GetValues()[0].GetValue())
	_, err = f.c.RevealPersonalData(mail, &privacyv1.RevealPersonalDataRequest{Tokens: []string{b["phone"]}, Purpose: "notification"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = f.c.FindSubject(mail, &privacyv1.FindSubjectRequest{Field: "email", Value: "choi@example.com", Purpose: "notification"})
	servicetest.RequireCode(t, err, codes.PermissionDenied) // not on its list of RPCs
}

// A10.1: subject searches are limited per caller (and each is logged).
func TestA10_1_LookupsAreLimitedPerCaller(t *testing.T) {
	t.Parallel()
	cfg := server.TestConfig()
	cfg.LookupsPerMinute = 2
	f := start(t, cfg, servicetest.WithClients(testClients))
	f.store(t, "cit-l", "phone", "010-3030-4040")
	f.assign(t, "cmp-limit", "SMG-CIVIL", "cit-l")
	civil := f.as(t, servicetest.Machine("civil-system"))
	req := &privacyv1.FindSubjectRequest{Field: "phone", Value: "010-3030-4040", Purpose: "complaint_handling", CaseReference: "cmp-limit"}
	for range 2 {
		_, err := f.c.FindSubject(civil, req)
		require.NoError(t, err)
	}
	_, err := f.c.FindSubject(civil, req)
	servicetest.RequireCode(t, err, codes.ResourceExhausted)
	_, err = f.c.FindSubject(f.as(t, servicetest.Official("o-other", "SMG-CIVIL")), req)
	require.NoError(t, err, "the limit is per caller")
	require.Equal(t, 3, f.count(t, `SELECT count(*) FROM access_log WHERE subject_id = 'cit-l' AND outcome = 'looked_up'`))
}
