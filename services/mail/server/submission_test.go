package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"
	gomail "github.com/wneessen/go-mail"
	"golang.org/x/text/encoding/korean"
	"google.golang.org/grpc/codes"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"

	"github.com/seoul-gov/homepage/services/mail/server"
)

// A complaint with personal data in it, as a citizen would write one.
const (
	mailedTitle  = "가로등이 꺼져 있습니다"
	mailedBody   = "세종대로 172 앞 가로등이 사흘째 꺼져 있습니다.\n연락은 010-7319-4682 로 주십시오."
	mailedMasked = "세종대로 172 앞 가로등이 사흘째 꺼져 있습니다.\n연락은 010-****-4682 로 주십시오."
)

// A9.1, A10.4: a citizen with an ID files a complaint by sending mail from
// a real mail program (go-mail: STARTTLS, the server's certificate
// verified, AUTH PLAIN with the ID and its app password) to the complaint
// address: the reply says accepted; the complaint is the citizen's, its
// text masked, the original revealed to the handling official only, and
// its history names the ID; the receipt number comes back by mail to the
// ID (no contact e-mail is on file), read from Mailpit; the same message
// sent again files nothing new.
func TestA9_1ComplaintByMailFiledOnceAndReceiptMailedBack(t *testing.T) {
	s := startSubmission(t)
	acc, password := s.citizenID(t, "citizen-mail", "hong.gildong")
	msg := gomail.NewMsg()
	require.NoError(t, msg.FromFormat("홍길동", acc.GetAddress()))
	require.NoError(t, msg.To("minwon@seoul.go.kr"))
	msg.Subject(mailedTitle)
	msg.SetMessageIDWithValue("3f9a.complaint@mail.example")
	msg.SetBodyString(gomail.TypeTextPlain, mailedBody)
	client := s.goMail(t, acc.GetAddress(), password)
	require.NoError(t, client.DialAndSend(msg), "the server answers accepted")

	filed := s.complaints(t, "citizen-mail")
	require.Len(t, filed, 1)
	c := filed[0]
	require.Equal(t, mailedTitle, c.GetTitle())
	require.Equal(t, mailedMasked, c.GetBody())
	require.Equal(t, "홍*동", c.GetContact().GetName(), "the display name, vaulted and shown masked")
	require.Contains(t, historyOf(c), "filed_by_mail: sent by e-mail from the mail ID hong.gildong@seoul.go.kr")

	receipt := s.inbox(t, acc.GetAddress(), 1)[0]
	require.Contains(t, receipt.Subject, "민원이 접수되었습니다 ("+c.GetReceiptNumber()+")")
	require.Contains(t, receipt.Text, "접수번호: "+c.GetReceiptNumber())

	_, err := s.petition.AssignComplaint(s.pet.As(t, servicetest.Official("civil-1", "SMG-CIVIL")),
		&petitionv1.AssignComplaintRequest{ComplaintId: c.GetId(), DepartmentCode: "SMG-TRANSPORT"})
	require.NoError(t, err)
	var originals map[string]string
	servicetest.Eventually(t, "the handling department reveals the original", func() bool {
		originals, err = s.handling(t, servicetest.Official("transport-1", "SMG-TRANSPORT"), c)
		return err == nil
	})
	require.Equal(t, mailedBody, originals["body"])
	_, err = s.handling(t, servicetest.Official("welfare-1", "SMG-WELFARE"), c)
	servicetest.RequireCode(t, err, codes.PermissionDenied)

	require.NoError(t, s.goMail(t, acc.GetAddress(), password).DialAndSend(msg), "a resent message is accepted again")
	require.Equal(t, 1, s.filed(t), "and files once")
}

// A9.1: the success reply carries the receipt number, in Korean and
// English; a message in EUC-KR, HTML only, is filed as its Korean text.
func TestA9_1AcceptedReplyNamesTheReceiptNumber(t *testing.T) {
	s := startSubmission(t)
	acc, password := s.citizenID(t, "citizen-reply", "kim.minwon")
	c := s.raw(t, acc.GetAddress(), password)
	message := "From: " + acc.GetAddress() + "\r\nTo: minwon@seoul.go.kr\r\nSubject: =?UTF-8?B?7Iug7Zi4?=\r\n" +
		"Message-ID: <r1@mail.example>\r\nContent-Type: text/html; charset=euc-kr\r\n\r\n" + eucKR(t, "<p>신호등 고장</p>") + "\r\n"
	reply, err := send(c, acc.GetAddress(), "minwon@seoul.go.kr", message)
	require.NoError(t, err)
	filed := s.complaints(t, "citizen-reply")
	require.Len(t, filed, 1)
	require.Equal(t, "신호", filed[0].GetTitle())
	require.Equal(t, "신호등 고장", filed[0].GetBody())
	require.Contains(t, reply, "민원이 접수되었습니다. 접수번호 "+filed[0].GetReceiptNumber())
	require.Contains(t, reply, "receipt number "+filed[0].GetReceiptNumber())
}

// A9.1: bad mail is refused with a clear 5xx reply in Korean and English,
// and nothing is filed: a wrong password, a sender other than the
// authenticated ID, a recipient other than the complaint address, no
// text, an attachment, a message over the size limit.
func TestA9_1BadMailRefusedAndNothingFiled(t *testing.T) {
	s := startSubmission(t)
	acc, password := s.citizenID(t, "citizen-bad", "lee.minwon")
	addr := acc.GetAddress()
	ok := func(subject, body string) string {
		return "From: " + addr + "\r\nTo: minwon@seoul.go.kr\r\nSubject: " + subject + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n"
	}
	err := s.raw(t, "", "").Auth(plainAuth(addr, password+"x"))
	requireReply(t, err, 535, "비밀번호가 맞지 않습니다", "Wrong e-mail ID or complaint submission password")
	err = s.raw(t, "", "").Auth(plainAuth("nobody@seoul.go.kr", password))
	requireReply(t, err, 535, "비밀번호가 맞지 않습니다", "Wrong e-mail ID")

	for name, tc := range map[string]struct {
		from, to, message string
		code              int
		ko, en            string
	}{
		"a sender other than the ID": {"kim@seoul.go.kr", "minwon@seoul.go.kr", ok("x", "본문"), 550, "인증한 아이디", "The sender must be the ID you authenticated as"},
		"another recipient":          {addr, "mayor@seoul.go.kr", ok("x", "본문"), 550, "민원 접수 주소 minwon@seoul.go.kr", "complaint address minwon@seoul.go.kr only"},
		"no text":                    {addr, "minwon@seoul.go.kr", ok("제목만", "   "), 550, "민원 내용이 없습니다", "has no text"},
		"too long":                   {addr, "minwon@seoul.go.kr", ok("x", strings.Repeat("가나다라마바사아자차\r\n", 1001)), 552, "너무 깁니다", "too long"},
		"too big":                    {addr, "minwon@seoul.go.kr", ok("x", strings.Repeat(strings.Repeat("a", 98)+"\r\n", 720)), 552, "메일이 너무 큽니다", "too big"},
		"an attachment": {addr, "minwon@seoul.go.kr", "From: " + addr + "\r\nSubject: 사진\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
			"--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n사진 보냅니다\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--b--\r\n",
			554, "첨부 파일은 받지 않습니다", "Attachments are not accepted"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := send(s.raw(t, addr, password), tc.from, tc.to, tc.message)
			requireReply(t, err, tc.code, tc.ko, tc.en)
		})
	}
	_, err = send(s.raw(t, "", ""), addr, "minwon@seoul.go.kr", ok("x", "본문"))
	requireReply(t, err, 530, "먼저 전자우편 아이디와", "Authenticate first")
	require.Zero(t, s.filed(t), "nothing was filed")
	require.Empty(t, s.complaints(t, "citizen-bad"))
}

// A9.1: passwords guessed from many connections are cut off per address:
// after the failures allowed, a login from that address — even with the
// right password — is refused with 454 in Korean and English before any
// check, and nothing is filed; on one connection the third failure ends
// its logins.
func TestA9_1FailedLoginsLimitedPerAddress(t *testing.T) {
	s := startSubmission(t, func(c *server.Config) { c.AuthFailures, c.AuthForgive = 4, time.Hour })
	acc, password := s.citizenID(t, "citizen-guess", "park.minwon")
	addr := acc.GetAddress()
	c := s.raw(t, "", "")
	for range 2 {
		requireReply(t, c.Auth(plainAuth(addr, "wrong-"+password)), 535, "비밀번호가 맞지 않습니다", "Wrong e-mail ID")
	}
	requireReply(t, c.Auth(plainAuth(addr, "wrong-"+password)), 454, "인증에 여러 번 실패했습니다", "Too many failed authentications")
	requireReply(t, c.Auth(plainAuth(addr, password)), 454, "인증에 여러 번 실패했습니다", "Too many failed authentications")

	requireReply(t, s.raw(t, "", "").Auth(plainAuth(addr, "wrong-"+password)), 535, "비밀번호가 맞지 않습니다", "Wrong e-mail ID")
	requireReply(t, s.raw(t, "", "").Auth(plainAuth(addr, password)), 454, "인증에 여러 번 실패했습니다", "Too many failed authentications")
	require.Zero(t, s.filed(t), "nothing was filed")
}

func requireReply(t *testing.T, err error, code int, ko, en string) {
	t.Helper()
	var e *smtp.SMTPError
	require.ErrorAs(t, err, &e)
	require.Equal(t, code, e.Code, e.Message)
	require.Contains(t, e.Message, ko)
	require.Contains(t, e.Message, en)
}

func historyOf(c *petitionv1.Complaint) []string {
	var out []string
	for _, h := range c.GetHistory() {
		out = append(out, h.GetAction()+": "+h.GetDetail())
	}
	return out
}

func eucKR(t *testing.T, s string) string {
	t.Helper()
	b, err := korean.EUCKR.NewEncoder().String(s)
	require.NoError(t, err)
	return b
}
