package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A9.2: bad requests for an ID are refused naming every bad field, and
// nothing is stored: reserved names, bad local parts, terms not accepted,
// a citizen naming someone else, an official without a department.
func TestA9_2BadAccountRequestsNameTheFieldAndStoreNothing(t *testing.T) {
	f := start(t)
	citizen := f.env.As(t, servicetest.Citizen("c-1"))
	cases := []struct {
		name  string
		req   *mailv1.CreateAccountRequest
		field string
	}{
		{"reserved", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "postmaster", TermsVersion: "1.0"}, "local_part"},
		{"mayor", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "mayor", TermsVersion: "1.0"}, "local_part"},
		{"upper case and space", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "Hong Gil", TermsVersion: "1.0"}, "local_part"},
		{"double dot", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "hong..gil", TermsVersion: "1.0"}, "local_part"},
		{"hangul", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "홍길동", TermsVersion: "1.0"}, "local_part"},
		{"terms not accepted", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "hong.gildong"}, "terms_version"},
		{"no kind", &mailv1.CreateAccountRequest{LocalPart: "hong.gildong", TermsVersion: "1.0"}, "kind"},
		{"citizen for someone else", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "hong.gildong", SubjectId: "c-2", TermsVersion: "1.0"}, "subject_id"},
		{"official without department", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL, LocalPart: "kim.official", SubjectId: "o-1", DisplayName: "도시교통실 김주무관", TermsVersion: "1.0"}, "department_code"},
		{"display name with a line break", &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL, LocalPart: "kim.official", SubjectId: "o-1", DepartmentCode: "SMG-TRANSPORT", DisplayName: "김\r\nBcc: x@y", TermsVersion: "1.0"}, "display_name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := citizen
			if tc.req.GetKind() == mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL {
				ctx = f.env.As(t, admin)
			}
			_, err := f.api.CreateAccount(ctx, tc.req)
			servicetest.RequireInvalidField(t, err, tc.field)
		})
	}
	require.Equal(t, 0, f.count(t, `SELECT count(*) FROM accounts`))
}

// A9.2, A9.3: a verified citizen gets one ID under the city's domain; a
// second one, or a taken name, is refused; admins issue officials' IDs
// tied to a department; a citizen closes their own and the name is never
// given again.
func TestA9_2OneIDPerCitizenAndOfficialsByAdmins(t *testing.T) {
	f := start(t)
	citizen := f.env.As(t, servicetest.Citizen("c-1"))
	resp, err := f.api.CreateAccount(citizen, &mailv1.CreateAccountRequest{RequestId: "r1",
		Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "hong.gildong", TermsVersion: "1.0"})
	require.NoError(t, err)
	acc := resp
	require.Equal(t, "hong.gildong@seoul.go.kr", acc.GetAddress())
	require.Equal(t, mailv1.AccountState_ACCOUNT_STATE_ACTIVE, acc.GetState())
	require.Equal(t, "1.0", acc.GetAcceptedTermsVersion())

	again, err := f.api.CreateAccount(citizen, &mailv1.CreateAccountRequest{RequestId: "r1",
		Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "hong.gildong", TermsVersion: "1.0"})
	require.NoError(t, err)
	require.Equal(t, acc.GetId(), again.GetId(), "a retry returns the first ID")
	_, err = f.api.CreateAccount(citizen, &mailv1.CreateAccountRequest{RequestId: "r2",
		Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "hong.second", TermsVersion: "1.0"})
	servicetest.RequireCode(t, err, codes.AlreadyExists)

	unverified := servicetest.Citizen("c-9")
	unverified.RealNameVerified = false
	_, err = f.api.CreateAccount(f.env.As(t, unverified), &mailv1.CreateAccountRequest{
		Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "someone", TermsVersion: "1.0"})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)

	_, err = f.api.CreateAccount(citizen, &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL,
		LocalPart: "kim.official", SubjectId: "o-1", DepartmentCode: "SMG-TRANSPORT", DisplayName: "도시교통실 김주무관", TermsVersion: "1.0"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	off, err := f.api.CreateAccount(f.env.As(t, admin), &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL,
		LocalPart: "kim.official", SubjectId: "o-1", DepartmentCode: "SMG-TRANSPORT", DisplayName: "도시교통실 김주무관", TermsVersion: "1.0"})
	require.NoError(t, err)
	require.Equal(t, "SMG-TRANSPORT", off.GetDepartmentCode())

	closed, err := f.api.CloseAccount(citizen, &mailv1.CloseAccountRequest{AccountId: "me"})
	require.NoError(t, err)
	require.Equal(t, mailv1.AccountState_ACCOUNT_STATE_CLOSED, closed.GetAccount().GetState())
	_, err = f.api.CreateAccount(f.env.As(t, servicetest.Citizen("c-2")), &mailv1.CreateAccountRequest{
		Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN, LocalPart: "hong.gildong", TermsVersion: "1.0"})
	servicetest.RequireCode(t, err, codes.AlreadyExists)
	_, err = f.api.GetAccount(f.env.As(t, servicetest.Citizen("c-2")), &mailv1.GetAccountRequest{AccountId: acc.GetId()})
	servicetest.RequireCode(t, err, codes.NotFound)
}

// A9.3: the terms are public, versioned in Korean and English; a new
// version must be accepted before the next use; a suspension names a
// clause of the terms, is mailed to the holder, and is appealed and
// decided by another admin.
func TestA9_3TermsAcceptanceSuspensionAndAppeal(t *testing.T) {
	f := start(t)
	terms, err := f.api.GetCurrentTerms(t.Context(), &mailv1.GetCurrentTermsRequest{})
	require.NoError(t, err)
	require.Equal(t, "1.0", terms.GetVersion())
	require.Contains(t, terms.GetClauses()[0].GetText().GetText(), "제9조")

	f.storeEmail(t, "c-1", "choi@example.kr")
	citizen := f.env.As(t, servicetest.Citizen("c-1"))
	acc, err := f.api.CreateAccount(citizen, &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN,
		LocalPart: "choi.minsu", TermsVersion: "1.0"})
	require.NoError(t, err)
	id := acc.GetId()

	_, err = f.api.PublishTerms(f.env.As(t, admin), &mailv1.PublishTermsRequest{Version: "2.0",
		Title: lt("ko", "이용약관 제2판", "en", "Terms, second edition"), Clauses: []*mailv1.Clause{
			{Number: "1", TextTexts: lt("ko", "목적", "en", "Purpose")},
			{Number: "4.1", TextTexts: lt("ko", "광고성 전자우편 금지", "en", "No advertising")}}})
	require.NoError(t, err)
	got, err := f.api.GetAccount(citizen, &mailv1.GetAccountRequest{AccountId: "me"})
	require.NoError(t, err)
	require.True(t, got.GetTermsAcceptanceRequired())
	_, err = f.api.AcceptTerms(citizen, &mailv1.AcceptTermsRequest{AccountId: id, TermsVersion: "1.0"})
	servicetest.RequireInvalidField(t, err, "terms_version")
	ok, err := f.api.AcceptTerms(citizen, &mailv1.AcceptTermsRequest{AccountId: id, TermsVersion: "2.0"})
	require.NoError(t, err)
	require.False(t, ok.GetAccount().GetTermsAcceptanceRequired())

	_, err = f.api.SuspendAccount(f.env.As(t, admin), &mailv1.SuspendAccountRequest{AccountId: id, Clause: "9.9", Reason: "광고 전송"})
	servicetest.RequireInvalidField(t, err, "clause")
	s, err := f.api.SuspendAccount(f.env.As(t, admin), &mailv1.SuspendAccountRequest{AccountId: id, Clause: "4.1", Reason: "광고성 전자우편 대량 전송"})
	require.NoError(t, err)
	require.Equal(t, "4.1", s.GetAccount().GetSuspension().GetClause())
	msg := f.inbox(t, "choi@example.kr", 1)[0]
	require.Contains(t, msg.Text, "choi.minsu@seoul.go.kr의 이용이 이용약관 제4.1조에 따라 정지되었습니다")

	_, err = f.api.AppealSuspension(citizen, &mailv1.AppealSuspensionRequest{AccountId: id, Statement: "광고가 아니라 동호회 공지였습니다."})
	require.NoError(t, err)
	_, err = f.api.DecideAppeal(f.env.As(t, admin), &mailv1.DecideAppealRequest{AccountId: id, Reinstate: true, Reason: "본인 결정"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	d, err := f.api.DecideAppeal(f.env.As(t, otherAdmin), &mailv1.DecideAppealRequest{AccountId: id, Reinstate: true, Reason: "동호회 공지로 확인됨"})
	require.NoError(t, err)
	require.Equal(t, mailv1.AccountState_ACCOUNT_STATE_ACTIVE, d.GetAccount().GetState())
	require.Contains(t, f.inbox(t, "choi@example.kr", 2)[0].Text+f.inbox(t, "choi@example.kr", 2)[1].Text, "이용 재개")
}

// A9.2, A10.4: the erasure of a privacy subject closes their citizen ID
// (once, however often the event is delivered).
func TestA9_2ErasureClosesTheCitizensID(t *testing.T) {
	f := start(t)
	citizen := f.env.As(t, servicetest.Citizen("c-erased"))
	acc, err := f.api.CreateAccount(citizen, &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN,
		LocalPart: "soon.gone", TermsVersion: "1.0"})
	require.NoError(t, err)
	ev := &privacyv1.SubjectErased{SubjectId: "c-erased"}
	f.publish(t, "privacy", "seoul.privacy.subject.erased", "ev-erase-1", ev)
	servicetest.Eventually(t, "the ID closed", func() bool {
		return f.count(t, `SELECT count(*) FROM accounts WHERE id = $1 AND state = 'closed'`, acc.GetId()) == 1
	})
	servicetest.PublishDuplicate(t, f.env.JS, "privacy", "seoul.privacy.subject.erased", "ev-erase-1", ev)
	servicetest.Eventually(t, "the copy consumed", func() bool {
		c, err := f.env.JS.Consumer(t.Context(), "PRIVACY", "mail-privacy-erasure")
		if err != nil {
			return false
		}
		ci, err := c.Info(t.Context())
		return err == nil && ci.Delivered.Stream >= 2 && ci.NumPending == 0 && ci.NumAckPending == 0
	})
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mail.account.closed'`))
}
