package server_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"
	gomail "github.com/wneessen/go-mail"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/mtls"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	petitionserver "github.com/seoul-gov/homepage/services/petition/server"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"

	"github.com/seoul-gov/homepage/services/mail/server"
)

// submissionRegistry registers the mail service as make run does
// (deploy/local/launcher/clients.json): it reveals addresses for notices
// and files the complaints citizens send by e-mail on their behalf.
const submissionRegistry = `{"clients":[{"id":"mail","methods":[
  "/seoul.privacy.v1.PrivacyService/GetMaskedData","/seoul.privacy.v1.PrivacyService/RevealPersonalData",
  "/seoul.petition.v1.PetitionService/SubmitComplaint",
  "/seoul.privacy.v1.PrivacyService/StorePersonalData","/seoul.privacy.v1.PrivacyService/StorePersonalText"],
 "reveal":{"notification":["email"]},
 "on_behalf":["/seoul.petition.v1.PetitionService/SubmitComplaint",
  "/seoul.privacy.v1.PrivacyService/StorePersonalData","/seoul.privacy.v1.PrivacyService/StorePersonalText"],
 "store":{"complaint":["name","free_text"]}}]}`

// submission is the whole path of a complaint by e-mail: a real mail
// service with its SMTP submission server (STARTTLS with a certificate of
// a test CA), a real petition service, a real privacy vault, and Mailpit
// for the receipt mailed back.
type submission struct {
	fixture
	pet      *servicetest.Env
	petition petitionv1.PetitionServiceClient
	addr     string
	roots    *x509.CertPool
}

// startSubmission starts it all; adjust changes the mail service's
// configuration before it starts.
func startSubmission(t *testing.T, adjust ...func(*server.Config)) submission {
	t.Helper()
	reg := servicetest.WithClients(submissionRegistry)
	priv := servicetest.Start(t, privacyserver.SpecWith(privacyserver.TestConfig()), reg)
	petCfg := petitionserver.TestConfig()
	petCfg.PrivacyAddr = priv.Addr
	pet := servicetest.Start(t, petitionserver.SpecWith(petCfg), reg,
		servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv))
	mp := testinfra.Mailpit(t)
	dir := t.TempDir()
	ca, err := mtls.NewDevCA()
	require.NoError(t, err)
	files, err := ca.Issue(dir, "mail-submission", "127.0.0.1")
	require.NoError(t, err)
	pem, err := os.ReadFile(files.CAFile)
	require.NoError(t, err)
	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(pem))
	tokenFile := filepath.Join(dir, "mail-client.token")
	require.NoError(t, os.WriteFile(tokenFile, []byte(priv.Token(t, mailClient)), 0o600))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)

	cfg := server.TestConfig()
	cfg.SMTPAddr, cfg.PrivacyAddr, cfg.ClientTokenFile = mp.SMTPAddr(), priv.Addr, tokenFile
	cfg.Listener, cfg.CertFile, cfg.KeyFile, cfg.PetitionAddr = ln, files.CertFile, files.KeyFile, pet.Addr
	cfg.MaxBytes = 64 * 1024
	for _, fn := range adjust {
		fn(cfg)
	}
	env := servicetest.Start(t, server.SpecWith(cfg), reg, servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv))
	return submission{fixture: fixture{env: env, priv: priv, smtp: mp, api: mailv1.NewMailServiceClient(env.Conn)},
		pet: pet, petition: petitionv1.NewPetitionServiceClient(pet.Conn), addr: ln.Addr().String(), roots: roots}
}

// citizenID opens a verified citizen's ID and sets its submission
// password, as the citizen would through the edge.
func (s submission) citizenID(t *testing.T, subject, local string) (*mailv1.Account, string) {
	t.Helper()
	ctx := s.env.As(t, servicetest.Citizen(subject))
	created, err := s.api.CreateAccount(ctx, &mailv1.CreateAccountRequest{Kind: mailv1.AccountKind_ACCOUNT_KIND_CITIZEN,
		LocalPart: local, TermsVersion: "1.0", RequestId: "id-" + local})
	require.NoError(t, err)
	reset, err := s.api.ResetSubmissionPassword(ctx, &mailv1.ResetSubmissionPasswordRequest{AccountId: "me"})
	require.NoError(t, err)
	require.Equal(t, created.GetAddress(), reset.GetUsername())
	require.Equal(t, "minwon@seoul.go.kr", reset.GetComplaintAddress())
	return reset.GetAccount(), reset.GetPassword()
}

// goMail is a real mail program's client: STARTTLS required, verifying
// the server's certificate, then AUTH PLAIN.
func (s submission) goMail(t *testing.T, user, password string) *gomail.Client {
	t.Helper()
	host, port, err := net.SplitHostPort(s.addr)
	require.NoError(t, err)
	p, err := net.LookupPort("tcp", port)
	require.NoError(t, err)
	c, err := gomail.NewClient(host, gomail.WithPort(p), gomail.WithTLSPolicy(gomail.TLSMandatory),
		gomail.WithTLSConfig(&tls.Config{RootCAs: s.roots, ServerName: host, MinVersion: tls.VersionTLS12}),
		gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(user), gomail.WithPassword(password),
		gomail.WithTimeout(10*time.Second), gomail.WithHELO("citizen.example"))
	require.NoError(t, err)
	return c
}

// raw speaks SMTP step by step (go-smtp's client), to read each reply as
// the citizen's mail program shows it; it starts TLS and, when a password
// is given, authenticates.
func (s submission) raw(t *testing.T, user, password string) *smtp.Client {
	t.Helper()
	c, err := smtp.DialStartTLS(s.addr, &tls.Config{RootCAs: s.roots, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	if password != "" {
		require.NoError(t, c.Auth(plainAuth(user, password)))
	}
	return c
}

// complaints lists the citizen's complaints at the petition service.
func (s submission) complaints(t *testing.T, subject string) []*petitionv1.Complaint {
	t.Helper()
	resp, err := s.petition.ListComplaints(s.pet.As(t, servicetest.Citizen(subject)), &petitionv1.ListComplaintsRequest{})
	require.NoError(t, err)
	return resp.GetComplaints()
}

func (s submission) filed(t *testing.T) int {
	t.Helper()
	return servicetest.Count(t, s.pet.Pool, `SELECT count(*) FROM complaints`)
}

func plainAuth(user, password string) sasl.Client { return sasl.NewPlainClient("", user, password) }

// send writes one message through c: MAIL FROM, RCPT TO, DATA; it returns
// the reply to the first refused step, or the final reply's text.
func send(c *smtp.Client, from, to, message string) (string, error) {
	if err := c.Mail(from, nil); err != nil {
		return "", err
	}
	if err := c.Rcpt(to, nil); err != nil {
		return "", err
	}
	w, err := c.Data()
	if err != nil {
		return "", err
	}
	if _, err := w.Write([]byte(message)); err != nil {
		return "", err
	}
	resp, err := w.CloseWithResponse()
	if err != nil {
		return "", err
	}
	return resp.StatusText, nil
}

// handling reveals the complaint's originals as an official of department
// (through the complaint's case-bound grant), once the grant has arrived.
func (s submission) handling(t *testing.T, who identity.Claims, c *petitionv1.Complaint) (map[string]string, error) {
	t.Helper()
	req := &privacyv1.RevealPersonalDataRequest{Purpose: "complaint_handling", CaseReference: c.GetId()}
	for _, o := range c.GetOriginals() {
		req.Tokens = append(req.Tokens, o.GetToken())
	}
	resp, err := privacyv1.NewPrivacyServiceClient(s.priv.Conn).RevealPersonalData(s.priv.As(t, who), req)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, v := range resp.GetValues() {
		for _, o := range c.GetOriginals() {
			if o.GetToken() == v.GetToken() {
				out[o.GetField()] = v.GetValue()
			}
		}
	}
	return out, nil
}

var _ = context.Background
