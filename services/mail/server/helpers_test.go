package server_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/mail/server"
	privacyserver "github.com/seoul-gov/homepage/services/privacy/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// fixture is a real mail service with a real privacy vault and a real
// SMTP server (Mailpit) whose API the tests read delivered mail from.
type fixture struct {
	env  *servicetest.Env
	priv *servicetest.Env
	smtp *localinfra.Mailpit
	api  mailv1.MailServiceClient
}

// mailClient is the mail service's machine identity towards the vault,
// registered there as in make run (deploy/local/launcher/clients.json).
var mailClient = identity.Claims{Subject: "client-mail", Roles: []identity.Role{identity.RoleService}, Client: "mail"}

const mailRegistration = `{"clients":[{"id":"mail","methods":["/seoul.privacy.v1.PrivacyService/GetMaskedData",
  "/seoul.privacy.v1.PrivacyService/RevealPersonalData"],"reveal":{"notification":["email"]}}]}`

func start(t testing.TB, tune ...func(*server.Config)) fixture {
	t.Helper()
	priv := servicetest.Start(t, privacyserver.SpecWith(privacyserver.TestConfig()), servicetest.WithClients(mailRegistration))
	mp := testinfra.Mailpit(t)
	tokenFile := filepath.Join(t.TempDir(), "mail-client.token")
	require.NoError(t, os.WriteFile(tokenFile, []byte(priv.Token(t, mailClient)), 0o600))
	cfg := server.TestConfig()
	cfg.SMTPAddr, cfg.PrivacyAddr, cfg.ClientTokenFile = mp.SMTPAddr(), priv.Addr, tokenFile
	for _, fn := range tune {
		fn(cfg)
	}
	env := servicetest.Start(t, server.SpecWith(cfg), servicetest.WithNATS(priv.NATS), servicetest.WithIssuer(priv))
	return fixture{env: env, priv: priv, smtp: mp, api: mailv1.NewMailServiceClient(env.Conn)}
}

// storeEmail puts a citizen's contact address into the vault, as the
// citizen (petition does the same when a complaint gives one).
func (f fixture) storeEmail(t testing.TB, subject, email string) {
	t.Helper()
	_, err := privacyv1.NewPrivacyServiceClient(f.priv.Conn).StorePersonalData(f.priv.As(t, servicetest.Citizen(subject)),
		&privacyv1.StorePersonalDataRequest{SubjectId: subject, Purpose: "notification",
			Fields: []*privacyv1.PersonalField{{Name: "email", Value: email}}})
	require.NoError(t, err)
}

// publish delivers an event as its producer's outbox would.
func (f fixture) publish(t testing.TB, service, subject, id string, msg proto.Message) {
	t.Helper()
	servicetest.PublishEvent(t, f.env.JS, service, subject, id, msg)
}

// inbox waits until Mailpit holds exactly n messages to addr and returns them.
func (f fixture) inbox(t testing.TB, addr string, n int) []localinfra.MailMessage {
	t.Helper()
	var found []localinfra.MailSummary
	servicetest.Eventually(t, "mail to "+addr, func() bool {
		list, err := f.smtp.Search(context.Background(), "to:"+addr)
		found = list
		return err == nil && len(list) >= n
	})
	require.Len(t, found, n, "messages to %s", addr)
	out := make([]localinfra.MailMessage, n)
	for i, s := range found {
		m, err := f.smtp.Message(context.Background(), s.ID)
		require.NoError(t, err)
		out[i] = m
	}
	return out
}

// notices lists the notices about source id, as an admin sees them.
func (f fixture) notices(t testing.TB, sourceID string) []*mailv1.Notice {
	t.Helper()
	resp, err := f.api.ListNotices(f.env.As(t, admin), &mailv1.ListNoticesRequest{SourceId: sourceID})
	require.NoError(t, err)
	return resp.GetNotices()
}

// waitStatus waits until every notice about source id has status st.
func (f fixture) waitStatus(t testing.TB, sourceID string, n int, st mailv1.NoticeStatus) []*mailv1.Notice {
	t.Helper()
	var list []*mailv1.Notice
	servicetest.Eventually(t, "notices of "+sourceID+" "+st.String(), func() bool {
		resp, err := f.api.ListNotices(f.env.As(t, admin), &mailv1.ListNoticesRequest{SourceId: sourceID})
		if err != nil {
			return false
		}
		list = resp.GetNotices()
		for _, x := range list {
			if x.GetStatus() != st {
				return false
			}
		}
		return len(list) == n
	})
	return list
}

func (f fixture) count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.env.Pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

var (
	admin      = servicetest.Admin("admin-1")
	otherAdmin = servicetest.Admin("admin-2")
)
