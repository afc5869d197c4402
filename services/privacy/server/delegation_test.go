package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// delegatingClients registers the mail service as make run does: it may
// store on behalf of a citizen (a complaint sent from their city mail ID,
// which the petition service vaults) the name and the text, for the
// purpose complaint only; the civil system may call the stores but holds
// no delegation.
const delegatingClients = `{"clients":[
  {"id":"mail","methods":["` + methodStore + `","/seoul.privacy.v1.PrivacyService/StorePersonalText"],
   "on_behalf":["` + methodStore + `","/seoul.privacy.v1.PrivacyService/StorePersonalText"],
   "store":{"complaint":["name","free_text"]}},
  {"id":"civil-system","department":"SMG-CIVIL","methods":["/seoul.privacy.v1.PrivacyService/StorePersonalText"]}]}`

// A10.1, A10.4: a delegated store — the mail service filing the complaint a
// citizen sent from their mail ID — vaults the citizen's complaint text and
// name under the citizen's own key, as a web complaint would, and the
// citizen's access log says it was stored on their behalf and by whom. The
// delegation is for that citizen, the purpose complaint and the fields of
// the client's registration only; without it a machine client stores
// nothing for a citizen.
func TestA10_1_A10_4_DelegatedStoreOnlyForTheCitizenAndTheComplaint(t *testing.T) {
	t.Parallel()
	f := start(t, server.TestConfig(), servicetest.WithClients(delegatingClients))
	mail := f.as(t, servicetest.Machine("mail"))
	forCitizen := grpcclient.OnBehalfOf(mail, "cit-mail")
	text := func(subject, purpose string) *privacyv1.StorePersonalTextRequest {
		return &privacyv1.StorePersonalTextRequest{SubjectId: subject, Purpose: purpose, CaseReference: "cmp-mail-1",
			Texts: []*privacyv1.PersonalText{{Document: "petition/complaint/cmp-mail-1/body", Text: complaintBody}}}
	}

	stored, err := f.c.StorePersonalText(forCitizen, text("cit-mail", "complaint"))
	require.NoError(t, err)
	named, err := f.c.StorePersonalData(forCitizen, &privacyv1.StorePersonalDataRequest{SubjectId: "cit-mail",
		Purpose: "complaint", CaseReference: "cmp-mail-1", Fields: fields("name", "홍길동")})
	require.NoError(t, err)
	own := f.as(t, servicetest.Citizen("cit-mail"))
	got, err := f.c.RevealPersonalData(own, &privacyv1.RevealPersonalDataRequest{Purpose: "subject_access_request",
		Tokens: []string{stored.GetTokens()[0].GetToken(), named.GetTokens()[0].GetToken()}})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{complaintBody, "홍길동"}, []string{got.GetValues()[0].GetValue(), got.GetValues()[1].GetValue()})

	log, err := f.c.ListAccessLogEntries(own, &privacyv1.ListAccessLogEntriesRequest{SubjectId: "cit-mail"})
	require.NoError(t, err)
	var onBehalf int
	for _, e := range log.GetAccessLogEntries() {
		if e.GetOutcome() == privacyv1.AccessOutcome_ACCESS_OUTCOME_STORED {
			require.Equal(t, "stored on behalf of the subject by mail", e.GetReason())
			require.Equal(t, "mail", e.GetCallingService())
			onBehalf++
		}
	}
	require.Equal(t, 2, onBehalf, "both stores are in the citizen's log")

	for name, c := range map[string]struct {
		ctx context.Context
		req *privacyv1.StorePersonalTextRequest
	}{
		"another citizen than the one it acts for":  {forCitizen, text("cit-other", "complaint")},
		"a purpose delegation does not serve":       {forCitizen, text("cit-mail", "notification")},
		"without a delegation":                      {mail, text("cit-mail", "complaint")},
		"a client whose registration delegates not": {grpcclient.OnBehalfOf(f.as(t, servicetest.Machine("civil-system")), "cit-mail"), text("cit-mail", "complaint")},
	} {
		_, err := f.c.StorePersonalText(c.ctx, c.req)
		require.Equal(t, codes.PermissionDenied, status.Code(err), "%s: %v", name, err)
	}
	_, err = f.c.StorePersonalData(forCitizen, &privacyv1.StorePersonalDataRequest{SubjectId: "cit-mail",
		Purpose: "complaint", Fields: fields("phone", "010-1234-5678")})
	servicetest.RequireCode(t, err, codes.PermissionDenied) // not a field of its store scope
	require.Equal(t, 0, servicetest.Count(t, f.db, `SELECT count(*) FROM subjects WHERE subject_id = 'cit-other'`))
}
