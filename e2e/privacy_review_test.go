package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// A10.1, A10.2, A10.3: text PostgreSQL cannot store (NUL) in any request
// field is a 400 naming the field — never a 500 — and nothing is stored:
// no disclosure entry, no legal hold, no policy version.
func TestPrivacyReviewNULInputIsBadRequestNot500(t *testing.T) {
	s := suite(t)
	me := s.Client(t, identity.Claims{Subject: "review-privacy-nul", Roles: []identity.Role{identity.RoleCitizen}})
	officer := s.Client(t, identity.Claims{Subject: "review-privacy-officer", Roles: []identity.Role{identity.RolePrivacyOfficer}})
	official := s.Client(t, identity.Claims{Subject: "review-privacy-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	r := me.Do(t, "POST", "/v1/privacy/subjects/review-privacy-nul/data", map[string]any{"purpose": "complaint",
		"fields": []map[string]string{{"name": "phone", "value": "010-7777-1234"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	cases := []struct {
		c      *Client
		method string
		path   string
		body   any
		field  string
	}{
		{official, "POST", "/v1/privacy/lookup", map[string]any{"field": "phone", "value": "010-7777-1234", "purpose": "complaint_handling", "case_reference": "c\x00"}, "case_reference"},
		{officer, "GET", "/v1/privacy/access-log?subject_id=%00", nil, "subject_id"},
		{officer, "GET", "/v1/privacy/access-log?actor_subject=%00", nil, "actor_subject"},
		{official, "POST", "/v1/privacy/disclosures", map[string]any{"request_id": "review-nul-disclosure", "legal_basis": "LEGAL_BASIS_INVESTIGATION",
			"requester": "review\x00police", "purpose": "investigation", "subject_id": "review-privacy-nul", "fields": []string{"name"}, "legal_reference": "형사소송법 제199조"}, "requester"},
		{officer, "POST", "/v1/privacy/subjects/review-privacy-nul/legal-holds", map[string]any{"reason": "review\x00hold", "case_reference": "c-1"}, "reason"},
		{officer, "POST", "/v1/privacy/policy/versions", map[string]any{"version": "9.1", "title_ko": "방침", "title_en": "Policy",
			"body_ko": "본\x00문", "body_en": "body", "effective_time": "2030-01-01T00:00:00Z"}, "body_ko"},
	}
	for _, tc := range cases {
		r := tc.c.Do(t, tc.method, tc.path, tc.body)
		require.Contains(t, contentReviewViolations(t, r), tc.field, "%s %s", tc.method, tc.path)
	}
	register := disclosures(t, officer)
	require.NotEmpty(t, register, "the check must read the register (the sample data records a disclosure)")
	for _, d := range register {
		require.NotEqual(t, "review-privacy-nul", d.SubjectID, "no disclosure was recorded for the subject: %+v", d)
		require.NotContains(t, d.Requester, "police")
	}
	r = s.Public().Do(t, "GET", "/v1/privacy/policy/versions", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var versions struct {
		Policies []struct {
			Version string `json:"version"`
		} `json:"policies"`
	}
	r.JSON(t, &versions)
	require.NotEmpty(t, versions.Policies, "the policy in force is listed: %s", r.Body)
	for _, v := range versions.Policies {
		require.NotEqual(t, "9.1", v.Version, "no policy version was stored")
	}
	// No legal hold was recorded: the subject can still erase their data.
	r = me.Do(t, "POST", "/v1/privacy/subjects/review-privacy-nul:erase", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
}

// A10.1, A10.2: odd ids, page sizes and tokens are 400s naming the field
// (or 404), and an unauthorized blind-index lookup is refused and logged.
func TestPrivacyReviewOddInputAndRefusedLookupThroughEdge(t *testing.T) {
	s := suite(t)
	officer := s.Client(t, identity.Claims{Subject: "review-privacy-officer", Roles: []identity.Role{identity.RolePrivacyOfficer}})
	me := s.Client(t, identity.Claims{Subject: "review-privacy-odd", Roles: []identity.Role{identity.RoleCitizen}})
	cases := []struct {
		c      *Client
		method string
		path   string
		body   any
		field  string
	}{
		{officer, "GET", "/v1/privacy/disclosures?page_size=-3", nil, "page_size"},
		{officer, "GET", "/v1/privacy/disclosures?page_token=garbage", nil, "page_token"},
		{officer, "GET", "/v1/privacy/access-log?page_size=-1", nil, "page_size"},
		{officer, "GET", "/v1/privacy/access-log?page_token=garbage", nil, "page_token"},
		{officer, "GET", "/v1/privacy/disclosures/not-a-uuid", nil, "disclosure_id"},
		{officer, "POST", "/v1/privacy/subjects/review-privacy-odd/legal-holds/not-a-uuid:release", map[string]any{}, "hold_id"},
		{me, "POST", "/v1/privacy/reveal", map[string]any{"tokens": []string{"00000000-0000-0000-0000-000000000000"}, "purpose": "complaint_handling"}, "tokens[0]"},
		{me, "GET", "/v1/privacy/subjects/review-privacy-odd/masked?fields=bogus", nil, "fields[0]"},
		{me, "POST", "/v1/privacy/subjects/review-privacy-odd/consents/BAD%20PURPOSE:withdraw", map[string]any{}, "purpose"},
	}
	for _, tc := range cases {
		r := tc.c.Do(t, tc.method, tc.path, tc.body)
		require.Contains(t, contentReviewViolations(t, r), tc.field, "%s %s", tc.method, tc.path)
	}
	require.Equal(t, http.StatusNotFound, officer.Do(t, "GET", "/v1/privacy/disclosures/00000000-0000-0000-0000-000000000000", nil).Status)
	r := officer.Do(t, "POST", "/v1/privacy/disclosures", map[string]any{"legal_basis": "LEGAL_BASIS_BOGUS"})
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))

	r = me.Do(t, "POST", "/v1/privacy/subjects/review-privacy-odd/data", map[string]any{"purpose": "complaint",
		"fields": []map[string]string{{"name": "phone", "value": "010-2468-1357"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	mod := s.Client(t, identity.Claims{Subject: "review-privacy-mod", Roles: []identity.Role{identity.RoleModerator}})
	r = mod.Do(t, "POST", "/v1/privacy/lookup", map[string]any{"field": "phone", "value": "010-2468-1357", "purpose": "complaint_handling", "case_reference": "c-9"})
	require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "review-privacy-odd", "a refused lookup links no one")
	r = officer.Do(t, "GET", "/v1/privacy/access-log?actor_subject=review-privacy-mod", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "ACCESS_OUTCOME_DENIED", "a refused lookup is counted, not written to the log")
}

type disclosureEntry struct {
	ID        string `json:"id"`
	Requester string `json:"requester"`
	SubjectID string `json:"subject_id"`
}

// disclosures reads the whole disclosure register, page by page.
func disclosures(t *testing.T, officer *Client) []disclosureEntry {
	t.Helper()
	return allPages[disclosureEntry](t, officer.getter(t), "/v1/privacy/disclosures?page_size=100", "disclosures")
}
