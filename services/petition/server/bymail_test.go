package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/grpcclient"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// mailDelegation registers the mail service as make run does
// (deploy/local/launcher/clients.json): it files the complaints citizens
// send by e-mail on their behalf, and the petition service vaults them
// with the same delegation.
const mailDelegation = `{"clients":[{"id":"mail","methods":[
  "/seoul.petition.v1.PetitionService/SubmitComplaint",
  "/seoul.privacy.v1.PrivacyService/StorePersonalData","/seoul.privacy.v1.PrivacyService/StorePersonalText"],
 "on_behalf":["/seoul.petition.v1.PetitionService/SubmitComplaint",
  "/seoul.privacy.v1.PrivacyService/StorePersonalData","/seoul.privacy.v1.PrivacyService/StorePersonalText"],
 "store":{"complaint":["name","free_text"]}}]}`

func byMail(requestID string) *petitionv1.SubmitComplaintRequest {
	return &petitionv1.SubmitComplaintRequest{RequestId: requestID, ComplaintType: "proposal",
		Title: "가로등 고장", Body: plantedBody, Contact: &petitionv1.Contact{Name: "홍길동"},
		ByMail: &petitionv1.MailSubmission{MailId: "hong.gildong@seoul.go.kr"}}
}

// A9.1, A10.4: the mail service files the complaint a citizen sent from
// their mail ID on the citizen's behalf: the complaint is the citizen's,
// its text masked and the original vaulted under the citizen's key exactly
// as for a web complaint (the citizen reveals it; the vault's log says it
// was stored on their behalf), with no phone or e-mail asked for, and its
// history says it came by e-mail from that ID. The same message again
// (same request id) files nothing new.
func TestA9_1_A10_4_ComplaintByMailFiledOnTheCitizensBehalf(t *testing.T) {
	t.Parallel()
	f := start(t, servicetest.WithClients(mailDelegation))
	mail := grpcclient.OnBehalfOf(f.as(t, servicetest.Machine("mail")), citizen.Subject)
	resp, err := f.api.SubmitComplaint(mail, byMail("mail-3f9a"))
	require.NoError(t, err)
	c := resp.GetComplaint()
	require.Equal(t, maskedBody, c.GetBody())
	require.NotEmpty(t, c.GetReceiptNumber())
	var filed []string
	for _, h := range c.GetHistory() {
		filed = append(filed, h.GetAction()+": "+h.GetDetail())
	}
	require.Contains(t, filed, "filed_by_mail: sent by e-mail from the mail ID hong.gildong@seoul.go.kr")
	require.Empty(t, f.storedSecrets(t))

	mine, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: c.GetId()})
	require.NoError(t, err, "the complaint is the citizen's own")
	require.Equal(t, c.GetReceiptNumber(), mine.GetReceiptNumber())
	vault := privacyv1.NewPrivacyServiceClient(f.priv.Conn)
	orig, err := vault.RevealPersonalData(f.priv.As(t, citizen), &privacyv1.RevealPersonalDataRequest{
		Purpose: "subject_access_request", Tokens: []string{c.GetOriginals()[0].GetToken()}})
	require.NoError(t, err)
	require.Equal(t, plantedBody, orig.GetValues()[0].GetValue())
	log, err := vault.ListAccessLogEntries(f.priv.As(t, citizen), &privacyv1.ListAccessLogEntriesRequest{SubjectId: citizen.Subject})
	require.NoError(t, err)
	var stores []string
	for _, e := range log.GetAccessLogEntries() {
		if e.GetOutcome() == privacyv1.AccessOutcome_ACCESS_OUTCOME_STORED {
			stores = append(stores, e.GetReason())
		}
	}
	require.Equal(t, []string{"stored on behalf of the subject by mail", "stored on behalf of the subject by mail"}, stores,
		"the name and the texts, each stored on the citizen's behalf")

	again, err := f.api.SubmitComplaint(mail, byMail("mail-3f9a"))
	require.NoError(t, err)
	require.Equal(t, c.GetId(), again.GetComplaint().GetId(), "a resent message files once")
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM complaints`))
}

// A9.1, A3.2: only the mail service, on a citizen's behalf, files by mail:
// a citizen (or the anonymous) cannot pass a complaint off as sent from a
// mail ID, the mail service cannot file without naming the mail ID, nor
// file as itself (a machine client files as itself only through Open311),
// and nothing is stored when refused.
func TestA9_1_A3_2_OnlyTheMailServiceFilesByMail(t *testing.T) {
	t.Parallel()
	f := start(t, servicetest.WithClients(mailDelegation))
	_, err := f.api.SubmitComplaint(f.as(t, citizen), byMail("web-1"))
	servicetest.RequireInvalidField(t, err, "by_mail")
	unnamed := byMail("mail-2")
	unnamed.ByMail = nil
	_, err = f.api.SubmitComplaint(grpcclient.OnBehalfOf(f.as(t, servicetest.Machine("mail")), citizen.Subject), unnamed)
	servicetest.RequireInvalidField(t, err, "contact.phone")
	_, err = f.api.SubmitComplaint(f.as(t, servicetest.Machine("mail")), byMail("mail-3"))
	servicetest.RequireInvalidField(t, err, "by_mail")
	asItself := byMail("mail-6")
	asItself.ByMail, asItself.Contact = nil, &petitionv1.Contact{Name: "메일 서비스", Phone: "02-2133-4567"}
	_, err = f.api.SubmitComplaint(f.as(t, servicetest.Machine("mail")), asItself)
	servicetest.RequireCode(t, err, codes.PermissionDenied) // a machine client is no complainant
	_, err = f.api.SubmitComplaint(grpcclient.OnBehalfOf(context.Background(), citizen.Subject), byMail("mail-4"))
	servicetest.RequireCode(t, err, codes.Unauthenticated)
	_, err = f.api.SubmitComplaint(grpcclient.OnBehalfOf(f.as(t, otherPerson), citizen.Subject), byMail("mail-5"))
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	require.Zero(t, f.count(t, `SELECT count(*) FROM complaints`))
}
