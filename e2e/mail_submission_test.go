package e2e

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	gomail "github.com/wneessen/go-mail"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA9_1ComplaintByEMailThroughTheSuite (A9.1, A10.4): the journey of a
// complaint by e-mail on make run's suite. A citizen takes an ID and a
// submission password through the edge, sends a complaint from a real mail
// program (STARTTLS, the suite's certificate verified, AUTH PLAIN) to the
// complaint address; their complaint shows through the edge with its text
// masked and its history naming the ID; the receipt comes back to the ID in
// Mailpit; a wrong password files nothing.
func TestA9_1ComplaintByEMailThroughTheSuite(t *testing.T) {
	s := suite(t)
	me := s.Client(t, identity.Claims{Subject: "e2e-mail-sender", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	r := me.Do(t, "POST", "/v1/mail/accounts", map[string]any{"kind": "ACCOUNT_KIND_CITIZEN", "local_part": "e2e.sender", "terms_version": "1.0"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r = me.Do(t, "POST", "/v1/mail/accounts/me:resetSubmissionPassword", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var creds struct {
		Username, Password string
		ComplaintAddress   string `json:"complaint_address"`
	}
	r.JSON(t, &creds)
	require.Equal(t, "e2e.sender@seoul.go.kr", creds.Username)

	msg := gomail.NewMsg()
	require.NoError(t, msg.FromFormat("메일시민", creds.Username))
	require.NoError(t, msg.To(creds.ComplaintAddress))
	msg.Subject("공원 벤치 파손")
	msg.SetBodyString(gomail.TypeTextPlain, "어린이공원 벤치가 부서졌습니다. 연락처 010-2468-1357")
	require.Error(t, submitter(t, s, creds.Username, creds.Password+"x").DialAndSend(msg), "a wrong password is refused")
	require.NoError(t, submitter(t, s, creds.Username, creds.Password).DialAndSend(msg))

	var mine struct {
		Complaints []struct {
			ID, Body      string
			ReceiptNumber string `json:"receipt_number"`
			History       []struct{ Action, Detail string }
		}
	}
	r = me.Do(t, "GET", "/v1/complaints", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r.JSON(t, &mine)
	require.Len(t, mine.Complaints, 1, "filed once, the wrong password filed nothing")
	c := mine.Complaints[0]
	require.Equal(t, "어린이공원 벤치가 부서졌습니다. 연락처 010-****-1357", c.Body)
	require.Contains(t, historyLines(c.History), "filed_by_mail: sent by e-mail from the mail ID e2e.sender@seoul.go.kr")

	var got localinfra.MailMessage
	servicetest.Eventually(t, "the receipt in the ID's mailbox", func() bool {
		list, err := s.Launch.Mailpit().Search(context.Background(), "to:"+creds.Username)
		if err != nil || len(list) == 0 {
			return false
		}
		got, err = s.Launch.Mailpit().Message(context.Background(), list[0].ID)
		return err == nil
	})
	require.Contains(t, got.Subject, "민원이 접수되었습니다 ("+c.ReceiptNumber+")")
}

// submitter is a citizen's mail program pointed at the suite's submission
// server, trusting the certificate the launcher issued for this run.
func submitter(t *testing.T, s *Suite, user, password string) *gomail.Client {
	t.Helper()
	pem, err := os.ReadFile(s.Launch.SubmissionCA())
	require.NoError(t, err)
	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(pem))
	host, port, err := net.SplitHostPort(s.Launch.SubmissionAddr())
	require.NoError(t, err)
	p, err := strconv.Atoi(port)
	require.NoError(t, err)
	c, err := gomail.NewClient(host, gomail.WithPort(p), gomail.WithTLSPolicy(gomail.TLSMandatory),
		gomail.WithTLSConfig(&tls.Config{RootCAs: roots, ServerName: host, MinVersion: tls.VersionTLS12}),
		gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(user), gomail.WithPassword(password),
		gomail.WithTimeout(10*time.Second))
	require.NoError(t, err)
	return c
}

func historyLines(h []struct{ Action, Detail string }) []string {
	out := make([]string, len(h))
	for i, x := range h {
		out[i] = strings.TrimSpace(x.Action + ": " + x.Detail)
	}
	return out
}
