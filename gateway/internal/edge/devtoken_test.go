package edge_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/auth"
	"github.com/seoul-gov/homepage/gateway/internal/edge"
	"github.com/seoul-gov/homepage/platform/identity"
)

func devIssuerOn(c *edge.Config) { c.DevIssuerEnabled = true }

func TestDevTokenMintsATokenTheEdgeAndServicesAccept(t *testing.T) {
	t.Parallel()
	e := newEnv(t, devIssuerOn)

	rec := e.do(http.MethodPost, "/dev/token",
		`{"subject":"official-1","roles":["official","moderator"],"department":"D100","real_name_verified":true,"ttl_seconds":600}`)

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	var resp auth.TokenResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	require.Equal(t, "Bearer", resp.TokenType)
	require.Equal(t, 600, resp.ExpiresIn)

	// A service verifies with the same JWKS file the edge trusts.
	v := identity.NewVerifier(testIssuer, testAudience, identity.KeySourceFor(e.cfg.JWKSFile, ""))
	claims, err := v.Verify(resp.AccessToken)
	require.NoError(t, err)
	require.Equal(t, "official-1", claims.Subject)
	require.True(t, claims.OfficialOf("D100"))
	require.True(t, claims.Has(identity.RoleModerator))
	require.True(t, claims.RealNameVerified)

	rec = e.do(http.MethodGet, "/v1/departments", "", "Authorization", "Bearer "+resp.AccessToken)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func TestDevTokenDefaultsToCitizenForOneHour(t *testing.T) {
	t.Parallel()
	e := newEnv(t, devIssuerOn)

	rec := e.do(http.MethodPost, "/dev/token", `{"subject":"c-1"}`)

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var resp auth.TokenResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	require.Equal(t, 3600, resp.ExpiresIn)
	v := identity.NewVerifier(testIssuer, testAudience, identity.KeySourceFor(e.cfg.JWKSFile, ""))
	claims, err := v.Verify(resp.AccessToken)
	require.NoError(t, err)
	require.Equal(t, []identity.Role{identity.RoleCitizen}, claims.Roles)
}

func TestDevTokenRejectsBadInputNamingTheField(t *testing.T) {
	t.Parallel()
	e := newEnv(t, devIssuerOn)
	cases := []struct {
		name, body string
		fields     []string
	}{
		{"unknown role", `{"subject":"s","roles":["citizen","mayor"]}`, []string{"roles[1]"}},
		{"official without department", `{"subject":"s","roles":["official"]}`, []string{"department"}},
		{"no subject", `{"roles":["citizen"]}`, []string{"subject"}},
		{"ttl too long", `{"subject":"s","ttl_seconds":999999}`, []string{"ttl_seconds"}},
		{"negative ttl", `{"subject":"s","ttl_seconds":-5}`, []string{"ttl_seconds"}},
		{"everything wrong", `{"roles":["official","x"]}`, []string{"department", "roles[1]", "subject"}},
		{"unknown field", `{"subject":"s","role":"admin"}`, []string{"body"}},
		{"not json", `subject=s`, []string{"body"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := e.do(http.MethodPost, "/dev/token", c.body)

			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			body := decodeError(t, rec)
			require.Equal(t, "INVALID_ARGUMENT", body.Status)
			var fields []string
			for _, v := range body.FieldViolations {
				fields = append(fields, v.Field)
				require.NotEmpty(t, v.Description)
			}
			require.Equal(t, c.fields, fields)
		})
	}
}

func TestDevTokenIsNotFoundWhenDisabled(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodPost, "/dev/token", `{"subject":"s"}`)

	require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	require.Equal(t, "NOT_FOUND", decodeError(t, rec).Status)
}
