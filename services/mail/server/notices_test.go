package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

func complaintEvent(id, receipt, subject string) *petitionv1.ComplaintEvent {
	return &petitionv1.ComplaintEvent{ComplaintId: id, ReceiptNumber: receipt, DepartmentCode: "SMG-TRANSPORT",
		CitizenSubject: subject, ComplaintType: "proposal", LegalBasis: "민원 처리에 관한 법률 시행령 제15조",
		DueTime: timestamppb.New(time.Date(2026, 12, 18, 9, 0, 0, 0, time.UTC)), OccurTime: timestamppb.Now()}
}

// A9.1: a complaint received is e-mailed to the complainant at the address
// the vault reveals at send time: Korean subject and body first, English
// after, text and HTML parts, the due date in Seoul time with its legal
// basis; a redelivered event sends nothing twice.
func TestA9_1ComplaintReceivedIsMailedOnceInKorean(t *testing.T) {
	f := start(t)
	f.storeEmail(t, "citizen-1", "hong@example.kr")
	ev := complaintEvent("c-1", "2026-000123", "citizen-1")
	f.publish(t, "petition", "seoul.petition.complaint.received", "ev-c1", ev)

	msg := f.inbox(t, "hong@example.kr", 1)[0]
	require.Equal(t, "[서울시] 민원이 접수되었습니다 (2026-000123) / Your complaint was received", msg.Subject)
	require.Contains(t, msg.Headers["Subject"][0], "=?UTF-8?", "a Korean header is MIME-encoded on the wire")
	require.Equal(t, "서울특별시", msg.From.Name)
	require.Contains(t, msg.Text, "접수번호: 2026-000123")
	require.Contains(t, msg.Text, "처리기한: 2026-12-18 18:00 (KST) (근거: 민원 처리에 관한 법률 시행령 제15조)")
	require.Less(t, strings.Index(msg.Text, "접수번호"), strings.Index(msg.Text, "Your complaint"), "Korean first")
	require.Contains(t, msg.HTML, "<p>귀하의 민원이 접수되었습니다. 접수번호: 2026-000123</p>")
	require.Empty(t, msg.Headers["List-Unsubscribe"], "a statutory notice offers no unsubscribe")

	list := f.waitStatus(t, "c-1", 1, mailv1.NoticeStatus_NOTICE_STATUS_ACCEPTED)
	require.Equal(t, msg.Headers["Message-Id"][0], list[0].GetMessageId())
	require.Equal(t, 0, f.count(t, `SELECT count(*) FROM notices WHERE params::text LIKE '%hong@%' OR last_error LIKE '%hong@%'`),
		"the revealed address is never stored")

	servicetest.PublishDuplicate(t, f.env.JS, "petition", "seoul.petition.complaint.received", "ev-c1", ev)
	f.publish(t, "petition", "seoul.petition.complaint.answered", "ev-c1-answered", ev) // a later event flushes the first
	f.inbox(t, "hong@example.kr", 2)
	require.Equal(t, 1, f.count(t, `SELECT count(*) FROM notices WHERE template = 'complaint_received'`))
}

// A9.1: with the SMTP server down nothing is lost: notices wait and retry
// with backoff, and once the server is back every one is sent, once. Each
// attempt is counted for the SMTP-failure alert (mail_smtp_attempts_total).
func TestA9_1SMTPServerDownLosesNothing(t *testing.T) {
	f := start(t)
	f.storeEmail(t, "citizen-2", "kim@example.kr")
	unreachable := servicetest.Metric(t, "mail_smtp_attempts_total", "outcome", "unreachable")
	accepted := servicetest.Metric(t, "mail_smtp_attempts_total", "outcome", "accepted")
	f.smtp.Stop()
	for i, kind := range []string{"received", "extended", "answered"} {
		ev := complaintEvent("c-down", "2026-000200", "citizen-2")
		ev.Detail = "extension 1 by 10 days"
		f.publish(t, "petition", "seoul.petition.complaint."+kind, "ev-down-"+string(rune('a'+i)), ev)
	}
	servicetest.Eventually(t, "every notice tried while the server is down", func() bool {
		return f.count(t, `SELECT count(*) FROM notices WHERE source_id = 'c-down' AND status = 'pending' AND attempts >= 2`) == 3
	})
	require.GreaterOrEqual(t, servicetest.Metric(t, "mail_smtp_attempts_total", "outcome", "unreachable")-unreachable, 6.0)
	require.NoError(t, f.smtp.Start())
	f.waitStatus(t, "c-down", 3, mailv1.NoticeStatus_NOTICE_STATUS_ACCEPTED)
	require.Equal(t, 3.0, servicetest.Metric(t, "mail_smtp_attempts_total", "outcome", "accepted")-accepted)
	msgs := f.inbox(t, "kim@example.kr", 3)
	ids := map[string]bool{}
	for _, m := range msgs {
		ids[m.Headers["Message-Id"][0]] = true
	}
	require.Len(t, ids, 3, "three distinct messages, none twice")
}

// A9.1: a permanent refusal is recorded, shown with the notice and
// announced on seoul.mail.delivery.failed for the complaint's history.
func TestA9_1PermanentFailureIsRecordedAndAnnounced(t *testing.T) {
	f := start(t)
	f.storeEmail(t, "citizen-3", "lee@example.kr")
	rejected := servicetest.Metric(t, "mail_smtp_attempts_total", "outcome", "rejected")
	require.NoError(t, f.smtp.RejectRecipients(context.Background(), 550))
	f.publish(t, "petition", "seoul.petition.complaint.answered", "ev-rej", complaintEvent("c-rej", "2026-000300", "citizen-3"))
	n := f.waitStatus(t, "c-rej", 1, mailv1.NoticeStatus_NOTICE_STATUS_FAILED)[0]
	require.Equal(t, "rejected", n.GetFailure())
	require.Contains(t, n.GetLastError(), "550")
	require.NotContains(t, n.GetLastError(), "lee@example.kr")
	require.Equal(t, 1.0, servicetest.Metric(t, "mail_smtp_attempts_total", "outcome", "rejected")-rejected)
	servicetest.Eventually(t, "delivery.failed in the outbox, sent", func() bool {
		return f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mail.delivery.failed' AND sent_at IS NOT NULL`) == 1
	})
}

// A9.1: an optional notice (points expiring within 30 days) carries an RFC
// 8058 one-click unsubscribe; posting it turns the category off, so the
// next one is suppressed; statutory categories cannot be turned off.
func TestA9_1OneClickUnsubscribeForOptionalNotices(t *testing.T) {
	f := start(t)
	f.storeEmail(t, "citizen-4", "park@example.kr")
	pts := &mileagev1.PointsChanged{TransactionId: "lot-1", SubjectId: "citizen-4", Points: 1200,
		ExpireTime: timestamppb.New(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))}
	f.publish(t, "mileage", "seoul.mileage.points.expiring", "ev-exp-1", pts)
	msg := f.inbox(t, "park@example.kr", 1)[0]
	require.Equal(t, []string{"List-Unsubscribe=One-Click"}, msg.Headers["List-Unsubscribe-Post"])
	link := strings.Trim(msg.Headers["List-Unsubscribe"][0], "<>")
	token := link[strings.LastIndex(link, "/")+1:]
	resp, err := f.api.Unsubscribe(context.Background(), &mailv1.UnsubscribeRequest{Token: token})
	require.NoError(t, err)
	require.Equal(t, "mileage", resp.GetCategory())

	pts.TransactionId = "lot-2"
	f.publish(t, "mileage", "seoul.mileage.points.expiring", "ev-exp-2", pts)
	f.waitStatus(t, "lot-2", 1, mailv1.NoticeStatus_NOTICE_STATUS_SUPPRESSED)

	_, err = f.api.Unsubscribe(context.Background(), &mailv1.UnsubscribeRequest{Token: token + "x"})
	servicetest.RequireInvalidField(t, err, "token")
	_, err = f.api.SetPreference(f.env.As(t, servicetest.Citizen("citizen-4")), &mailv1.SetPreferenceRequest{Category: "complaint"})
	servicetest.RequireReason(t, err, codes.FailedPrecondition, "STATUTORY_CATEGORY")
}

// A9.1: department reminders go to every active official's ID of the
// department; a department without one gets a notice recorded as failed
// (no_address) and listed, but nothing is announced: no delivery failed.
func TestA9_1DepartmentRemindersReachItsOfficials(t *testing.T) {
	f := start(t)
	for i, local := range []string{"kim.transport", "lee.transport"} {
		_, err := f.api.CreateAccount(f.env.As(t, admin), &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL,
			LocalPart: local, SubjectId: "o-" + local, DepartmentCode: "SMG-TRANSPORT", DisplayName: "도시교통실 담당자", TermsVersion: "1.0",
			RequestId: string(rune('a' + i))})
		require.NoError(t, err)
	}
	f.publish(t, "petition", "seoul.petition.complaint.due_soon", "ev-due", complaintEvent("c-due", "2026-000400", "citizen-5"))
	f.inbox(t, "kim.transport@seoul.go.kr", 1)
	msg := f.inbox(t, "lee.transport@seoul.go.kr", 1)[0]
	require.Contains(t, msg.Subject, "[민원] 처리기한이 다가옵니다 (2026-000400)")

	ev := complaintEvent("c-nobody", "2026-000401", "citizen-5")
	ev.DepartmentCode = "SMG-PARKS"
	f.publish(t, "petition", "seoul.petition.complaint.overdue", "ev-overdue", ev)
	n := f.waitStatus(t, "c-nobody", 1, mailv1.NoticeStatus_NOTICE_STATUS_FAILED)[0]
	require.Equal(t, "no_address", n.GetFailure())
	require.Equal(t, "department:SMG-PARKS", n.GetRecipient())
	require.Equal(t, 0, f.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.mail.delivery.failed'`))
}

// A9.1, A10.1: least privilege — an official lists the notices of their
// department's work (its reminders and the notices of complaints it held,
// the department carried from the event) and not another department's, nor
// a citizen's own matters; the citizen lists their own.
func TestA9_1_A10_1OfficialsSeeTheirDepartmentsNotices(t *testing.T) {
	f := start(t)
	f.storeEmail(t, "citizen-6", "choi@example.kr")
	f.publish(t, "petition", "seoul.petition.complaint.received", "ev-ls", complaintEvent("c-ls", "2026-000500", "citizen-6"))
	parks := complaintEvent("c-parks", "2026-000501", "citizen-6")
	parks.DepartmentCode = "SMG-PARKS"
	f.publish(t, "petition", "seoul.petition.complaint.overdue", "ev-parks", parks)
	f.publish(t, "mileage", "seoul.mileage.points.expiring", "ev-ls-pts", &mileagev1.PointsChanged{TransactionId: "lot-ls",
		SubjectId: "citizen-6", Points: 10, ExpireTime: timestamppb.New(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))})
	f.waitStatus(t, "lot-ls", 1, mailv1.NoticeStatus_NOTICE_STATUS_ACCEPTED)
	f.waitStatus(t, "c-parks", 1, mailv1.NoticeStatus_NOTICE_STATUS_FAILED)
	received := f.waitStatus(t, "c-ls", 1, mailv1.NoticeStatus_NOTICE_STATUS_ACCEPTED)[0]
	require.Equal(t, "SMG-TRANSPORT", received.GetDepartmentCode())

	sources := func(claims identity.Claims) []string {
		resp, err := f.api.ListNotices(f.env.As(t, claims), &mailv1.ListNoticesRequest{})
		require.NoError(t, err)
		var out []string
		for _, n := range resp.GetNotices() {
			out = append(out, n.GetSourceId())
		}
		return out
	}
	require.Equal(t, []string{"c-ls"}, sources(servicetest.Official("o-transport", "SMG-TRANSPORT")))
	require.Equal(t, []string{"c-parks"}, sources(servicetest.Official("o-parks", "SMG-PARKS")))
	require.ElementsMatch(t, []string{"c-ls", "lot-ls"}, sources(servicetest.Citizen("citizen-6")), "a department's reminder is not the citizen's")
	_, err := f.api.GetNotice(f.env.As(t, servicetest.Official("o-parks", "SMG-PARKS")), &mailv1.GetNoticeRequest{NoticeId: received.GetId()})
	require.Equal(t, codes.NotFound, status.Code(err))
	got, err := f.api.GetNotice(f.env.As(t, servicetest.Official("o-transport", "SMG-TRANSPORT")), &mailv1.GetNoticeRequest{NoticeId: received.GetId()})
	require.NoError(t, err)
	require.Equal(t, "complaint_received", got.GetTemplate())
}
