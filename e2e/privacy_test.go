package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestPrivacyRevealIsRuleBoundAndAuditedThroughEdge (A10.1, A10.4): a
// citizen stores data and gets masked views; the department handling the
// complaint (assigned to it through the petition service) reveals the
// phone, with no-store on the plaintext answer; a moderator is refused;
// the citizen sees the reveal in their own access log, and the refusal
// leaves no row there (refusals are counted, never written to a
// citizen's permanent log).
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
	r = me.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-privacy-complaint", "complaint_type": "inquiry_procedure",
		"title": "개인정보 열람 확인", "body": "민원 처리 부서의 연락을 기다립니다.",
		"contact": map[string]string{"name": "박민원", "phone": "010-4321-8765"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var filed struct {
		Complaint struct {
			ID string `json:"id"`
		} `json:"complaint"`
	}
	r.JSON(t, &filed)
	r = official.Do(t, "POST", "/v1/complaints/"+filed.Complaint.ID+":assign", map[string]any{"department_code": "SMG-CIVIL"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	reveal := map[string]any{"tokens": []string{stored.Tokens[1].Token}, "purpose": "complaint_handling", "case_reference": filed.Complaint.ID}
	servicetest.EventuallyWithin(t, 30*time.Second, "the grant (it arrives by the assignment event)", func() bool {
		r = official.Do(t, "POST", "/v1/privacy/reveal", reveal)
		return r.Status != http.StatusForbidden
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "010-4321-8765")
	require.Equal(t, "no-store", r.Header.Get("Cache-Control"), "plaintext must not be cached anywhere")

	mod := s.Client(t, identity.Claims{Subject: "e2e-privacy-mod", Roles: []identity.Role{identity.RoleModerator}})
	r = mod.Do(t, "POST", "/v1/privacy/reveal", reveal)
	require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
	require.NotContains(t, string(r.Body), "010-4321-8765")

	// The moderator's refusal is not in the log, neither against the
	// moderator nor in the citizen's history; the official's reveal is.
	officer := s.Client(t, identity.Claims{Subject: "e2e-privacy-officer", Roles: []identity.Role{identity.RolePrivacyOfficer}})
	require.Empty(t, accessLog(t, officer, "/v1/privacy/access-log?actor_subject=e2e-privacy-mod"))
	mine := accessLog(t, me, "/v1/privacy/access-log?subject_id=e2e-privacy-citizen")
	var revealed int
	for _, e := range mine {
		require.NotEqual(t, "ACCESS_OUTCOME_DENIED", e.Outcome, "%+v", e)
		if e.ActorSubject == "e2e-official" && e.Outcome == "ACCESS_OUTCOME_REVEALED" {
			revealed++
		}
	}
	require.Equal(t, 1, revealed, "the official's reveal: %+v", mine)
}

type accessLogEntry struct {
	ActorSubject  string `json:"actor_subject"`
	SubjectID     string `json:"subject_id"`
	Outcome       string `json:"outcome"`
	CaseReference string `json:"case_reference"`
}

// accessLog reads every entry of an access-log listing, page by page.
func accessLog(t *testing.T, c *Client, path string) []accessLogEntry {
	t.Helper()
	return allPages[accessLogEntry](t, c.getter(t), path+"&page_size=100", "access_log_entries")
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

// TestA2_A10_3_PrivacyPolicyInFourLanguagesThroughEdge: the policy is
// served in Korean, English, Chinese and Japanese by the language field or
// the Accept-Language header, and a language without a translation gets
// the Korean text marked untranslated, never silently.
func TestA2_A10_3_PrivacyPolicyInFourLanguagesThroughEdge(t *testing.T) {
	s := suite(t)
	type served struct {
		Language string `json:"language"`
		Text     string `json:"text"`
		State    string `json:"state"`
	}
	var got struct {
		Title served `json:"title"`
		Body  served `json:"body"`
	}
	for _, c := range []struct{ query, header, lang, state, contains string }{
		{"", "", "ko", "TEXT_STATE_CURRENT", "개인정보"},
		{"?language=en", "", "en", "TEXT_STATE_CURRENT", "personal information"},
		{"?language=zh-CN", "", "zh", "TEXT_STATE_CURRENT", "个人信息"},
		{"", "ja,en;q=0.5", "ja", "TEXT_STATE_CURRENT", "個人情報"},
		{"?language=fr", "", "ko", "TEXT_STATE_UNTRANSLATED", "개인정보"},
	} {
		r := s.Public().DoWith(t, "GET", "/v1/privacy/policy"+c.query, nil, "Accept-Language", c.header)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		r.JSON(t, &got)
		require.Equal(t, c.lang, got.Body.Language, "%+v", c)
		require.Equal(t, c.state, got.Body.State, "%+v", c)
		require.Contains(t, got.Body.Text, c.contains, "%+v", c)
		require.Equal(t, c.lang, got.Title.Language, "%+v", c)
	}
}
