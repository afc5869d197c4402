package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// The edge reports every upstream ready, as a user of `make run` checks.
func TestReadyzReportsAllSixServices(t *testing.T) {
	r := suite(t).Public().Do(t, "GET", "/readyz", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var body struct {
		Services map[string]string `json:"services"`
	}
	r.JSON(t, &body)
	for _, s := range []string{"content", "board", "petition", "event", "mileage", "privacy"} {
		require.Equal(t, "SERVING", body.Services[s], s)
	}
}

func TestDevTokenIsAcceptedByTheEdge(t *testing.T) {
	s := suite(t)
	c := s.Client(t, identity.Claims{Subject: "e2e-admin", Roles: []identity.Role{identity.RoleAdmin}})
	require.NotEmpty(t, c.token)
	bad := &Client{s: s, token: c.token + "x"}
	r := bad.Do(t, "GET", "/v1/departments", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status, string(r.Body))
}

func TestOpenAPIAndDocsAreServed(t *testing.T) {
	s := suite(t)
	r := s.Public().Do(t, "GET", "/openapi.json", nil)
	require.Equal(t, http.StatusOK, r.Status)
	var doc struct {
		Paths map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(r.Body, &doc))
	require.Contains(t, doc.Paths, "/v1/departments")
	d := s.Public().Do(t, "GET", "/docs", nil)
	require.Equal(t, http.StatusOK, d.Status)
	require.True(t, strings.Contains(strings.ToLower(string(d.Body)), "<html"))
}

// The sample data of `make run` loads through the public API.
func TestSampleDataLoads(t *testing.T) {
	require.NoError(t, suite(t).seedErr)
}

func TestUnknownPathIsJSON404(t *testing.T) {
	r := suite(t).Public().Do(t, "GET", "/v1/no-such-thing", nil)
	require.Equal(t, http.StatusNotFound, r.Status)
	require.True(t, json.Valid(r.Body), string(r.Body))
}
