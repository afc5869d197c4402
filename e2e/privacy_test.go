package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// TestPrivacyRevealIsRuleBoundAndAuditedThroughEdge (A10.1, A10.4): a
// citizen stores data and gets masked views; the department handling the
// complaint reveals the phone; a moderator is refused; the citizen sees
// both attempts in their own access log.
func TestPrivacyRevealIsRuleBoundAndAuditedThroughEdge(t *testing.T) {
	s := suite(t)
	me := s.Client(t, identity.Claims{Subject: "e2e-privacy-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	r := me.Do(t, "POST", "/v1/privacy/subjects/e2e-privacy-citizen/data", map[string]any{"purpose": "complaint",
		"fields": []map[string]string{{"name": "name", "value": "박민원"}, {"name": "phone", "value": "010-4321-8765"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var stored struct {
		Tokens []struct{ Field, Token, Masked string } `json:"tokens"`
	}
	r.JSON(t, &stored)
	require.Equal(t, "박*원", stored.Tokens[0].Masked)
	require.Equal(t, "010-****-8765", stored.Tokens[1].Masked)

	official := s.Client(t, identity.Claims{Subject: "e2e-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	reveal := map[string]any{"tokens": []string{stored.Tokens[1].Token}, "purpose": "complaint_handling", "case_reference": "e2e-complaint"}
	r = official.Do(t, "POST", "/v1/privacy/reveal", reveal)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "010-4321-8765")

	mod := s.Client(t, identity.Claims{Subject: "e2e-mod", Roles: []identity.Role{identity.RoleModerator}})
	r = mod.Do(t, "POST", "/v1/privacy/reveal", reveal)
	require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))

	r = me.Do(t, "GET", "/v1/privacy/access-log?subject_id=e2e-privacy-citizen", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "e2e-official")
	require.Contains(t, string(r.Body), "ACCESS_OUTCOME_DENIED")
}

// TestPrivacyPolicyIsPublicAndBadInputIsNamed (A10.3): the policy in force
// is posted to everyone; bad personal data is a 400 naming the field.
func TestPrivacyPolicyIsPublicAndBadInputIsNamed(t *testing.T) {
	s := suite(t)
	r := s.Public().Do(t, "GET", "/v1/privacy/policy", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "개인정보 처리방침")
	r = s.Public().Do(t, "GET", "/v1/privacy/policy/versions", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	me := s.Client(t, identity.Claims{Subject: "e2e-privacy-bad", Roles: []identity.Role{identity.RoleCitizen}})
	r = me.Do(t, "POST", "/v1/privacy/subjects/e2e-privacy-bad/data", map[string]any{"purpose": "complaint",
		"fields": []map[string]string{{"name": "phone", "value": "12"}}})
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "fields[0].value")
}
