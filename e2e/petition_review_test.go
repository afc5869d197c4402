package e2e

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// TestPetitionOddInputIsBadInputNotInternalError (A3.1.3, A6.1, A6.2):
// through the edge, malformed ids, NUL characters, forged page tokens,
// unknown enum values and odd Open311 ids are 400 naming the field (or
// 404/401/403 where that is the answer) — never a 500 — and nothing is
// stored.
func TestPetitionOddInputIsBadInputNotInternalError(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-petition-odd", Roles: []identity.Role{identity.RoleCitizen}})
	mayor := s.Client(t, identity.Claims{Subject: "e2e-petition-odd-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	admin := s.Client(t, identity.Claims{Subject: "e2e-petition-odd-admin", Roles: []identity.Role{identity.RoleAdmin}})
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	contact := map[string]string{"name": "홍길동", "phone": "010-1234-5678"}
	complaint := func(k, v string) map[string]any {
		m := map[string]any{"complaint_type": "other", "title": "제목", "body": "내용", "contact": contact}
		m[k] = v
		return m
	}
	nobody := "/v1/complaints/00000000-0000-4000-8000-000000000000"
	runEdgeCases(t, []edgeCase{
		{"malformed complaint id", citizen, "GET", "/v1/complaints/not-a-uuid", nil, 400, "complaint_id"},
		{"malformed opinion id", citizen, "GET", "/v1/opinions/1234", nil, 400, "opinion_id"},
		{"unknown complaint", citizen, "GET", nobody, nil, 404, ""},
		{"page token with NUL id", citizen, "GET", "/v1/complaints?page_token=" + b64("1|\x00"), nil, 400, "page_token"},
		{"page token with invalid UTF-8", citizen, "GET", "/v1/complaints?page_token=" + b64("1|\xff"), nil, 400, "page_token"},
		{"opinion page token with NUL", s.Public(), "GET", "/v1/opinions?page_token=" + b64("1|\x00"), nil, 400, "page_token"},
		{"garbage page token", s.Public(), "GET", "/v1/public-complaints?page_token=%21%21", nil, 400, "page_token"},
		{"huge page size", s.Public(), "GET", "/v1/public-complaints?page_size=2147483647", nil, 200, ""},
		{"NUL in title", citizen, "POST", "/v1/complaints", complaint("title", "a\u0000b"), 400, "title"},
		{"blank body", citizen, "POST", "/v1/complaints", complaint("body", "   "), 400, "body"},
		{"NUL in request id", citizen, "POST", "/v1/complaints", complaint("request_id", "r\u0000"), 400, "request_id"},
		{"NUL in address", citizen, "POST", "/v1/complaints", map[string]any{"complaint_type": "other", "title": "t", "body": "b",
			"contact": contact, "location": map[string]any{"address": "\u0000"}}, 400, "location.address"},
		{"NaN location", citizen, "POST", "/v1/complaints", map[string]any{"complaint_type": "other", "title": "t", "body": "b",
			"contact": contact, "location": map[string]any{"lat": "NaN"}}, 400, "location.lat"},
		{"unknown complaint type", citizen, "POST", "/v1/complaints", complaint("complaint_type", "petition"), 400, "complaint_type"},
		{"anonymous complaint", s.Public(), "POST", "/v1/complaints", complaint("title", "t"), 401, ""},
		{"NUL in opinion", s.Public(), "POST", "/v1/opinions", map[string]any{"title": "t\u0000", "body": "b"}, 400, "title"},
		{"anonymous contact", s.Public(), "POST", "/v1/opinions", map[string]any{"title": "t", "body": "b", "contact": contact}, 400, "contact"},
		{"unknown decision number", mayor, "POST", "/v1/opinions/00000000-0000-4000-8000-000000000000:triage",
			map[string]any{"decision": 99}, 400, "decision"},
		{"unknown decision name", mayor, "POST", "/v1/opinions/00000000-0000-4000-8000-000000000000:triage",
			map[string]any{"decision": "TRIAGE_DECISION_MAYBE"}, 400, ""},
		{"triage by a citizen", citizen, "POST", "/v1/opinions/00000000-0000-4000-8000-000000000000:triage",
			map[string]any{"decision": "TRIAGE_DECISION_ACKNOWLEDGE"}, 403, ""},
		{"NUL in handler", mayor, "POST", nobody + ":assign", map[string]any{"department_code": "SMG-X", "handler_subject": "\u0000"}, 400, "handler_subject"},
		{"NUL in answer", mayor, "POST", nobody + ":answer", map[string]any{"body": "\u0000"}, 400, "body"},
		{"blank transfer reason", mayor, "POST", nobody + ":transfer", map[string]any{"outside_agency": "국토교통부", "reason": " "}, 400, "reason"},
		{"satisfaction out of range", citizen, "POST", nobody + ":rate", map[string]any{"satisfaction": -3}, 400, "satisfaction"},
		{"NUL in holiday name", admin, "POST", "/v1/holiday-table:amend", map[string]any{"reason": "r", "source": "s",
			"add": []map[string]string{{"date": "2027-05-06", "name": "x\u0000"}}}, 400, "add[0].name"},
		{"holiday amendment by a citizen", citizen, "POST", "/v1/holiday-table:amend", map[string]any{"reason": "r", "source": "s",
			"add": []map[string]string{{"date": "2027-05-06", "name": "x"}}}, 403, ""},
		{"negative table version", s.Public(), "GET", "/v1/holiday-table?version=-1", nil, 400, "version"},
		{"figures without period", s.Public(), "GET", "/v1/complaint-figures", nil, 400, "start_time"},
		{"clock with a time that is not one", s.Public(), "GET", "/v1/complaint-clock?complaint_type=other&receive_time=31-12-9999", nil, 400, ""},
		{"bad department path", citizen, "GET", "/v1/departments/" + url.PathEscape("a b") + "/due-complaints", nil, 400, "department_code"},
		// Open311's refusals are in GeoReport's error format: TestA3_1_3_Open311Conformance.
	})
	// Nothing of the refused submissions was stored: this citizen has no complaint.
	r := citizen.Do(t, "GET", "/v1/complaints", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.JSONEq(t, `{"complaints":[],"next_page_token":""}`, string(r.Body))
}

// TestPetitionWritesAreReadBackThroughEdge (A6.2, A3.1.3): what each write
// answers through the edge is what a later GET returns — the assignment
// with its handler, the extension, the complainant's consent to a further
// one and that second extension (시행령 제21조①), the progress notice, the
// answer and the rating are all stored.
func TestPetitionWritesAreReadBackThroughEdge(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-petition-readback", Roles: []identity.Role{identity.RoleCitizen}})
	mayor := s.Client(t, identity.Claims{Subject: "e2e-readback-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	dept := s.Client(t, identity.Claims{Subject: "e2e-readback-parks", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-PARKS"})
	r := citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-readback-1", "complaint_type": "inquiry_procedure",
		"title": "공원 벤치 파손", "body": "어린이공원 벤치가 부서졌습니다.", "contact": map[string]string{"name": "박시민", "email": "park@example.kr"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	id := petitionReviewComplaintID(t, r)
	requireComplaintReadBack(t, citizen, id, r)

	writes := []struct {
		c    *Client
		verb string
		body map[string]any
	}{
		{mayor, "assign", map[string]any{"department_code": "SMG-PARKS", "handler_subject": "e2e-readback-parks"}},
		{dept, "extend", map[string]any{"period": "3d", "reason": "현장 확인"}},
		{citizen, "consent-to-extension", map[string]any{"granted": true}},
		{dept, "extend", map[string]any{"period": "2d", "reason": "자재 수급"}},
		{citizen, "progress", map[string]any{}},
		{dept, "answer", map[string]any{"body": "교체하였습니다."}},
		{citizen, "rate", map[string]any{"satisfaction": 5, "comment": "감사합니다"}},
	}
	for _, w := range writes {
		r = w.c.Do(t, "POST", "/v1/complaints/"+id+":"+w.verb, w.body)
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", w.verb, r.Body)
		requireComplaintReadBack(t, citizen, id, r)
		requireComplaintReadBack(t, dept, id, r)
	}
	var got struct {
		Handler    string           `json:"handler_subject"`
		Extensions []map[string]any `json:"extensions"`
		Answers    []map[string]any `json:"answers"`
		Consent    string           `json:"extension_consent"`
	}
	citizen.Do(t, "GET", "/v1/complaints/"+id, nil).JSON(t, &got)
	require.Equal(t, "e2e-readback-parks", got.Handler)
	require.Len(t, got.Extensions, 2)
	require.Equal(t, true, got.Extensions[1]["complainant_consent"])
	require.Equal(t, "EXTENSION_CONSENT_GRANTED", got.Consent)
	require.Len(t, got.Answers, 1)
}

func petitionReviewComplaintID(t *testing.T, r *Response) string {
	t.Helper()
	var c struct {
		Complaint struct {
			ID string `json:"id"`
		} `json:"complaint"`
	}
	r.JSON(t, &c)
	require.NotEmpty(t, c.Complaint.ID)
	return c.Complaint.ID
}

// requireComplaintReadBack compares the complaint a write answered (the
// custom methods answer {"complaint": ...}) with a GET (the complaint
// itself).
func requireComplaintReadBack(t *testing.T, c *Client, id string, written *Response) {
	t.Helper()
	got := c.Do(t, "GET", "/v1/complaints/"+id, nil)
	require.Equal(t, http.StatusOK, got.Status, string(got.Body))
	var w struct {
		Complaint json.RawMessage `json:"complaint"`
	}
	written.JSON(t, &w)
	require.NotEmpty(t, w.Complaint, string(written.Body))
	require.JSONEq(t, string(w.Complaint), string(got.Body))
}

// TestPetitionAnonymousRequestIDIsNotAKeyToOthersOpinions (A6.1, A10.1):
// anonymous senders share one request-id namespace, so reusing another's
// request id through the edge is a conflict, not a way to read their
// opinion; a real retry of the same text returns the first opinion.
func TestPetitionAnonymousRequestIDIsNotAKeyToOthersOpinions(t *testing.T) {
	s := suite(t)
	first := s.Public().Do(t, "POST", "/v1/opinions", map[string]any{"request_id": "e2e-anon-shared",
		"title": "익명 제보", "body": "비공개로 알립니다."})
	require.Equal(t, http.StatusOK, first.Status, string(first.Body))
	other := s.Public().Do(t, "POST", "/v1/opinions", map[string]any{"request_id": "e2e-anon-shared",
		"title": "궁금", "body": "남의 의견 보기"})
	require.Equal(t, http.StatusConflict, other.Status, string(other.Body))
	require.NotContains(t, string(other.Body), "비공개로 알립니다")
	retry := s.Public().Do(t, "POST", "/v1/opinions", map[string]any{"request_id": "e2e-anon-shared",
		"title": "익명 제보", "body": "비공개로 알립니다."})
	require.Equal(t, http.StatusOK, retry.Status, string(retry.Body))
	var a, b struct {
		Opinion struct {
			ID string `json:"id"`
		} `json:"opinion"`
	}
	first.JSON(t, &a)
	retry.JSON(t, &b)
	require.Equal(t, a.Opinion.ID, b.Opinion.ID)
}
