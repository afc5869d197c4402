package testinfra_test

import (
	"context"
	"io"
	"net/http"
	"net/smtp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/testinfra"
)

// A message sent over SMTP is read back through the API, Korean subject
// decoded; a stopped server keeps what it stored and refuses connections.
func TestMailpitReceivesAndKeepsMessagesAcrossStop(t *testing.T) {
	m := testinfra.Mailpit(t)
	ctx := context.Background()
	body := "From: a@seoul.go.kr\r\nTo: b@example.kr\r\nSubject: =?UTF-8?B?7JWI64WV?=\r\nMessage-ID: <t1@seoul.go.kr>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n본문\r\n"
	require.NoError(t, smtp.SendMail(m.SMTPAddr(), nil, "a@seoul.go.kr", []string{"b@example.kr"}, []byte(body)))
	msgs, err := m.Messages(ctx)
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	require.Equal(t, "안녕", msgs[0].Subject)
	m.Stop()
	require.Error(t, smtp.SendMail(m.SMTPAddr(), nil, "a@seoul.go.kr", []string{"b@example.kr"}, []byte(body)))
	require.NoError(t, m.Start())
	full, err := m.Message(ctx, msgs[0].ID)
	require.NoError(t, err)
	require.Equal(t, "본문", strings.TrimSpace(full.Text))
	require.Equal(t, []string{"<t1@seoul.go.kr>"}, full.Headers["Message-Id"])
}

// The web inbox that make run prints works: its page loads Mailpit's
// JavaScript bundle, which the Go module does not ship and
// scripts/build-mailpit.sh builds, and the bundle and its stylesheet are
// served (a 404 here is the blank inbox of before).
func TestMailpitWebInboxServesItsBundle(t *testing.T) {
	m := testinfra.Mailpit(t)
	page := httpGet(t, m.WebURL()+"/")
	require.Contains(t, page, `src="/dist/app.js`)
	require.Contains(t, page, `href="/dist/app.css`)
	js := httpGet(t, m.WebURL()+"/dist/app.js")
	require.Greater(t, len(js), 100_000, "the whole inbox application, not a stub")
	require.Contains(t, js, "/api/v1/messages", "the bundle reads the inbox through Mailpit's API")
	require.NotEmpty(t, httpGet(t, m.WebURL()+"/dist/app.css"))
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s", url)
	return string(b)
}
