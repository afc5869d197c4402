package server_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// TestTestConfigurationServesTheVault boots the spec other services' tests use and
// stores, masks and reveals through it (A10.4); the reveal is by the
// department the complaint was assigned to (A10.1).
func TestTestConfigurationServesTheVault(t *testing.T) {
	t.Parallel()
	env := servicetest.Start(t, server.SpecWith(server.TestConfig()))
	c := privacyv1.NewPrivacyServiceClient(env.Conn)
	ctx := env.As(t, servicetest.Citizen("citizen-1"))
	st, err := c.StorePersonalData(ctx, &privacyv1.StorePersonalDataRequest{SubjectId: "citizen-1", Purpose: "real_name_board",
		Fields: []*privacyv1.PersonalField{{Name: "name", Value: "홍길동"}, {Name: "phone", Value: "010-1234-5678"}}})
	require.NoError(t, err)
	require.Equal(t, "홍*동", st.Tokens[0].Masked)
	require.Equal(t, "010-****-5678", st.Tokens[1].Masked)
	m, err := c.GetMaskedData(env.As(t, servicetest.Moderator("mod-1")), &privacyv1.GetMaskedDataRequest{SubjectId: "citizen-1"})
	require.NoError(t, err)
	require.Equal(t, "홍*동", m.Masked["name"])
	f := fixture{env: env, c: c, db: env.Pool, dbURL: env.DBURL}
	f.assign(t, "complaint-1", "SMG-CIVIL", "citizen-1")
	r, err := c.RevealPersonalData(env.As(t, servicetest.Official("o-1", "SMG-CIVIL")), &privacyv1.RevealPersonalDataRequest{
		Tokens: []string{st.Tokens[1].Token}, Purpose: "complaint_handling", CaseReference: "complaint-1"})
	require.NoError(t, err)
	require.Equal(t, "010-1234-5678", r.Values[0].Value)
}
