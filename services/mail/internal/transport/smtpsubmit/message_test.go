package smtpsubmit

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/korean"
)

func eucKR(t *testing.T, s string) string {
	t.Helper()
	b, err := korean.EUCKR.NewEncoder().String(s)
	require.NoError(t, err)
	return b
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// A9.1: complaints arrive as Korean mail programs send them — subjects as
// encoded words (UTF-8 or EUC-KR, Q or B), bodies quoted-printable or
// base64 in UTF-8 or EUC-KR/CP949, HTML-only mail as its text — and each is
// read as the Korean the citizen wrote.
func TestA9_1DecodesKoreanMail(t *testing.T) {
	t.Parallel()
	body := "시청역 앞 횡단보도 신호가 너무 짧습니다.\n개선해 주십시오."
	euc := eucKR(t, body)
	for name, tc := range map[string]struct{ raw, subject, text, sender string }{
		"utf-8 quoted-printable": {raw: crlf("From: =?UTF-8?B?7ZmN6ri464+Z?= <hong@seoul.go.kr>\n" +
			"Subject: =?UTF-8?Q?=ED=9A=A1=EB=8B=A8=EB=B3=B4=EB=8F=84_=EC=8B=A0=ED=98=B8?=\n" +
			"Message-ID: <a1@mail.example>\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n" +
			"=EC=8B=9C=EC=B2=AD=EC=97=AD =EC=95=9E =ED=9A=A1=EB=8B=A8=EB=B3=B4=EB=8F=84 =EC=8B=A0=ED=98=B8=EA=B0=80 =EB=84=88=EB=AC=B4 =\n" +
			"=EC=A7=A7=EC=8A=B5=EB=8B=88=EB=8B=A4.\n=EA=B0=9C=EC=84=A0=ED=95=B4 =EC=A3=BC=EC=8B=AD=EC=8B=9C=EC=98=A4.\n"),
			subject: "횡단보도 신호", text: body, sender: "홍길동"},
		"euc-kr base64": {raw: crlf("From: hong@seoul.go.kr\nSubject: =?EUC-KR?B?" + base64.StdEncoding.EncodeToString([]byte(eucKR(t, "횡단보도 신호"))) + "?=\n" +
			"Content-Type: text/plain; charset=\"euc-kr\"\nContent-Transfer-Encoding: base64\n\n" +
			base64.StdEncoding.EncodeToString([]byte(euc)) + "\n"),
			subject: "횡단보도 신호", text: body},
		"cp949 8bit": {raw: crlf("From: hong@seoul.go.kr\nSubject: signal\nContent-Type: text/plain; charset=cp949\n\n") + euc + "\r\n",
			subject: "signal", text: body},
		"html only": {raw: crlf("From: hong@seoul.go.kr\nSubject: signal\nContent-Type: text/html; charset=UTF-8\n\n" +
			"<html><head><style>p{color:red}</style></head><body><p>시청역 앞 횡단보도 신호가 <b>너무</b> 짧습니다.</p>" +
			"<div>개선해&nbsp;주십시오.</div><script>alert(1)</script></body></html>\n"),
			subject: "signal", text: "시청역 앞 횡단보도 신호가 너무 짧습니다.\n\n개선해 주십시오."},
		"alternative keeps the plain text": {raw: crlf("From: hong@seoul.go.kr\nSubject: signal\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=UTF-8\n\n" + body +
			"\n--b1\nContent-Type: text/html; charset=UTF-8\n\n<p>HTML 판</p>\n--b1--\n"),
			subject: "signal", text: body},
	} {
		t.Run(name, func(t *testing.T) {
			m, err := decode(strings.NewReader(tc.raw))
			require.NoError(t, err)
			require.Equal(t, tc.subject, m.Subject)
			require.Equal(t, tc.text, strings.TrimSpace(m.Text))
			require.Equal(t, tc.sender, m.SenderName)
		})
	}
}

// A9.1: a file attached (or named, even a text one) refuses the message;
// an unknown character set is bad mail too, not mojibake filed as a
// complaint.
func TestA9_1RefusesAttachmentsAndUnknownCharsets(t *testing.T) {
	t.Parallel()
	mixed := crlf("From: hong@seoul.go.kr\nSubject: photo\nContent-Type: multipart/mixed; boundary=b\n\n--b\n" +
		"Content-Type: text/plain; charset=UTF-8\n\n사진 첨부합니다\n--b\nContent-Type: %s\n%s\nAAAA\n--b--\n")
	for name, part := range map[string][2]string{
		"an image":             {"image/jpeg", "Content-Transfer-Encoding: base64\n"},
		"a text file":          {"text/plain; charset=UTF-8", "Content-Disposition: attachment; filename=\"a.txt\"\n"},
		"an inline named file": {"text/plain", "Content-Disposition: inline; filename=\"b.txt\"\n"},
	} {
		raw := strings.Replace(strings.Replace(mixed, "%s", part[0], 1), "%s", strings.ReplaceAll(part[1], "\n", "\r\n"), 1)
		_, err := decode(strings.NewReader(raw))
		require.ErrorIs(t, err, errAttachment, name)
	}
	_, err := decode(strings.NewReader(crlf("Subject: x\nContent-Type: text/plain; charset=x-klingon\n\nqapla\n")))
	require.ErrorIs(t, err, errCharset)
}
