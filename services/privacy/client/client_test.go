package client_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/privacy/client"
	"github.com/seoul-gov/homepage/services/privacy/client/clienttest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// vault is every method the other services call; the real client and the
// fake both have it, so a service's port is satisfied by either.
type vault interface {
	Store(ctx context.Context, r client.StoreRequest) (map[string]client.Stored, error)
	StoreTexts(ctx context.Context, r client.TextsRequest) (map[string]string, error)
	Masked(ctx context.Context, subject string, fields ...string) (map[string]client.Masked, error)
	MaskedName(ctx context.Context, subject string) (string, error)
	Reveal(ctx context.Context, purpose, caseRef string, tokens ...string) ([]client.Revealed, error)
	FindSubject(ctx context.Context, field, value, purpose, caseRef string) ([]client.Match, error)
}

var (
	_ vault = (*client.Client)(nil)
	_ vault = (*clienttest.Fake)(nil)
)

// A10.4: a citizen's contact goes into the vault and only tokens and
// masked views come back; the citizen reads it back, other services get
// only the masked name.
func TestA10_4_StoreMaskAndRevealThroughTheClient(t *testing.T) {
	t.Parallel()
	env := servicetest.Start(t, server.SpecWith(server.TestConfig()))
	c := client.New(env.Conn)
	citizen := env.As(t, servicetest.Citizen("cit-c1"))
	stored, err := c.Store(citizen, client.StoreRequest{Subject: "cit-c1", Purpose: "prize_delivery",
		Fields: []client.Field{{Name: "name", Value: "홍길동"}, {Name: "phone", Value: "010 1234 5678"}}})
	require.NoError(t, err)
	require.Equal(t, "홍*동", stored["name"].Masked)
	require.Equal(t, "010-****-5678", stored["phone"].Masked)
	require.NotEqual(t, stored["name"].Token, stored["phone"].Token)

	name, err := c.MaskedName(citizen, "cit-c1")
	require.NoError(t, err)
	require.Equal(t, "홍*동", name)
	masked, err := c.Masked(citizen, "cit-c1", "phone")
	require.NoError(t, err)
	require.Equal(t, client.Masked{Value: "010-****-5678", Token: stored["phone"].Token}, masked["phone"])

	got, err := c.Reveal(citizen, "self_service", "", stored["phone"].Token)
	require.NoError(t, err)
	require.Equal(t, []client.Revealed{{Token: stored["phone"].Token, Field: "phone", Value: "010-1234-5678", Subject: "cit-c1"}}, got)

	texts, err := c.StoreTexts(citizen, client.TextsRequest{Subject: "cit-c1", Purpose: "complaint", CaseReference: "cmp-1",
		Texts: map[string]string{"petition/complaint/cmp-1/body": "제 번호는 010-1234-5678 입니다"}})
	require.NoError(t, err)
	body, err := c.Reveal(citizen, "self_service", "", texts["petition/complaint/cmp-1/body"])
	require.NoError(t, err)
	require.Equal(t, "제 번호는 010-1234-5678 입니다", body[0].Value)
	require.Equal(t, "petition/complaint/cmp-1/body", body[0].Document)

	matches, err := c.FindSubject(env.As(t, servicetest.PrivacyOfficer("po-1")), "phone", "01012345678", "subject_access_request", "sar-1")
	require.NoError(t, err)
	require.Equal(t, []client.Match{{Subject: "cit-c1", Token: stored["phone"].Token}}, matches)
}

// Bad values are the caller's bad input, named by the caller's own
// request fields with the vault's reasons and messages, and nothing is
// stored; refusals keep their kind.
func TestVerdictsKeepTheirMeaningThroughTheClient(t *testing.T) {
	t.Parallel()
	env := servicetest.Start(t, server.SpecWith(server.TestConfig()))
	c := client.New(env.Conn)
	citizen := env.As(t, servicetest.Citizen("cit-c2"))
	_, err := c.Store(citizen, client.StoreRequest{Subject: "cit-c2", Purpose: "complaint",
		Fields: []client.Field{{Name: "name", Value: "홍길동"}, {Name: "phone", Value: "12"}, {Name: "email", Value: "nope"}},
		Paths:  client.Paths{"name": "contact.name", "phone": "contact.phone", "email": "contact.email"}})
	requireViolations(t, err, map[string]string{"contact.phone": "PHONE_KR", "contact.email": "EMAIL"})
	_, err = c.StoreTexts(citizen, client.TextsRequest{Subject: "cit-c2", Purpose: "complaint",
		Texts: map[string]string{"a/body": "", "a/address": "서울"}, Paths: client.Paths{"a/body": "body"}})
	requireViolations(t, err, map[string]string{"body": "REQUIRED"})
	require.Zero(t, servicetest.Count(t, env.Pool, `SELECT count(*) FROM subjects`), "nothing stored")

	_, err = c.MaskedName(citizen, "cit-c2")
	require.Equal(t, errs.KindNotFound, errs.KindOf(err))
	_, err = c.MaskedName(env.As(t, servicetest.Citizen("cit-other")), "cit-c2")
	require.Equal(t, errs.KindPermissionDenied, errs.KindOf(err))
	_, err = c.Reveal(context.Background(), "self_service", "", "pd_x")
	require.Equal(t, errs.KindUnauthenticated, errs.KindOf(err))
}

func requireViolations(t *testing.T, err error, want map[string]string) {
	t.Helper()
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, errs.KindInvalid, e.Kind)
	got := map[string]string{}
	for _, v := range e.Violations {
		got[v.Field] = v.Reason
		require.NotEmpty(t, v.Description, "the vault's message is kept")
	}
	require.Equal(t, want, got)
	require.True(t, locale.Has(e.Reason))
}
