package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/mtls"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// TestA10_1_RevealFollowsRulesAndEveryRevealIsLogged: the department
// handling a complaint (assigned to it by the petition service's event)
// reveals the phone and the reveal is in the access log; others are
// refused, and the refusals are counted, not written to the citizen's log.
func TestA10_1_RevealFollowsRulesAndEveryRevealIsLogged(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig())
	tok := f.store(t, "complainant", "name", "김민원", "phone", "010-2222-3333", "account_number", "1002-333-444555")
	f.assign(t, "complaint-42", "SMG-CIVIL", "complainant")
	official := f.as(t, servicetest.Official("o-civil", "SMG-CIVIL"))

	r, err := f.c.RevealPersonalData(official, &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{tok["phone"]}, Purpose: "complaint_handling", CaseReference: "complaint-42"})
	require.NoError(t, err)
	require.Equal(t, "010-2222-3333", r.Values[0].Value)

	refused := []struct {
		ctxName string
		req     *privacyv1.RevealPersonalDataRequest
	}{
		{"official, account number", &privacyv1.RevealPersonalDataRequest{Tokens: []string{tok["account_number"]}, Purpose: "complaint_handling", CaseReference: "complaint-42"}},
		{"official, no case", &privacyv1.RevealPersonalDataRequest{Tokens: []string{tok["phone"]}, Purpose: "complaint_handling"}},
		{"official, other purpose", &privacyv1.RevealPersonalDataRequest{Tokens: []string{tok["phone"]}, Purpose: "marketing", CaseReference: "x"}},
	}
	for _, c := range refused {
		_, err := f.c.RevealPersonalData(official, c.req)
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	for _, who := range []context.Context{
		f.as(t, servicetest.Moderator("mod")), f.as(t, servicetest.Admin("adm")), f.as(t, servicetest.Citizen("neighbour")),
		f.as(t, servicetest.Official("o-welfare", "SMG-WELFARE")),
	} {
		_, err := f.c.RevealPersonalData(who, &privacyv1.RevealPersonalDataRequest{Tokens: []string{tok["name"]}, Purpose: "complaint_handling", CaseReference: "complaint-42"})
		servicetest.RequireCode(t, err, codes.PermissionDenied)
	}
	_, err = f.c.RevealPersonalData(context.Background(), &privacyv1.RevealPersonalDataRequest{Tokens: []string{tok["name"]}, Purpose: "complaint_handling"})
	servicetest.RequireCode(t, err, codes.Unauthenticated)

	outcomes := map[privacyv1.AccessOutcome]int{}
	for _, e := range f.accessLog(t, "complainant") {
		outcomes[e.GetOutcome()]++
		if e.GetOutcome() == privacyv1.AccessOutcome_ACCESS_OUTCOME_REVEALED {
			require.Equal(t, "o-civil", e.GetActorSubject())
			require.Equal(t, "SMG-CIVIL", e.GetActorDepartment())
			require.Equal(t, []string{"phone"}, e.GetFields())
			require.Equal(t, "complaint-42", e.GetCaseReference())
		}
	}
	require.Equal(t, map[privacyv1.AccessOutcome]int{privacyv1.AccessOutcome_ACCESS_OUTCOME_REVEALED: 1,
		privacyv1.AccessOutcome_ACCESS_OUTCOME_STORED: 1}, outcomes)
}

// TestServiceActingForCitizenAndMaskedViews: a service forwarding the
// citizen's token acts as the citizen (and is named in the log, as its
// certificate proves); a machine client on its own token reveals only by
// its registration; masked views follow the rules.
func TestServiceActingForCitizenAndMaskedViews(t *testing.T) {
	t.Parallel()
	ca, err := mtls.NewDevCA()
	require.NoError(t, err)
	f := start(t, server.TestConfig(), servicetest.WithTLS(ca), servicetest.WithClients(testClients))
	board := privacyv1.NewPrivacyServiceClient(f.env.ConnAs(t, "board"))
	asBoard := f.as(t, servicetest.Citizen("writer"))
	st, err := board.StorePersonalData(asBoard, &privacyv1.StorePersonalDataRequest{
		SubjectId: "writer", Purpose: "real_name_board", Fields: fields("name", "홍길동", "email", "hong@example.com", "address", "서울특별시 중구 세종대로 110")})
	require.NoError(t, err)
	require.Equal(t, "홍*동", st.Tokens[0].Masked)

	_, err = board.StorePersonalData(asBoard, &privacyv1.StorePersonalDataRequest{SubjectId: "someone-else", Purpose: "real_name_board", Fields: fields("name", "김철수")})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	notify := f.as(t, servicetest.Machine("mail"))
	_, err = f.c.RevealPersonalData(notify, &privacyv1.RevealPersonalDataRequest{Tokens: []string{st.Tokens[1].Token}, Purpose: "notification"})
	require.NoError(t, err)
	_, err = f.c.RevealPersonalData(notify, &privacyv1.RevealPersonalDataRequest{Tokens: []string{st.Tokens[2].Token}, Purpose: "notification"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	m, err := f.c.GetMaskedData(f.as(t, servicetest.Official("o1", "SMG-CIVIL")), &privacyv1.GetMaskedDataRequest{SubjectId: "writer", Fields: []string{"name", "address"}})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"name": "홍*동", "address": "서울특별시 중구 ***"}, m.Masked)
	_, err = f.c.GetMaskedData(f.as(t, servicetest.Citizen("neighbour")), &privacyv1.GetMaskedDataRequest{SubjectId: "writer"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	log := f.accessLog(t, "writer")
	require.Equal(t, "board", log[len(log)-1].GetCallingService(), "the oldest entry is the store through board")
}
