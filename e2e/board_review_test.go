package e2e

import (
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Bad input through the edge (input handling; no requirement of the
// ordinance of its own): malformed ids, NUL bytes (were 500s), text made
// only of Hangul fillers or zero-width characters, enum numbers outside
// the API (were silently defaulted), out-of-range numbers and forged page
// tokens are 400 naming the field; missing is 404, unauthenticated 401,
// forbidden 403; and nothing is stored.
func TestBoardBadInputThroughEdge(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-bri-admin", Roles: []identity.Role{identity.RoleAdmin}})
	cit := s.Client(t, identity.Claims{Subject: "e2e-bri-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	mod := s.Client(t, identity.Claims{Subject: "e2e-bri-mod", Roles: []identity.Role{identity.RoleModerator}})
	boardID := createBoard(t, admin, map[string]any{"name": "e2e 입력 검증 게시판"})
	r := cit.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "정상 글", "body": "정상적인 제안 글입니다"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var created struct {
		ID string `json:"id"`
	}
	r.JSON(t, &created)
	postID := created.ID
	posts := "/v1/boards/" + boardID + "/posts"
	decide := func(extra map[string]any) map[string]any {
		m := map[string]any{"target_type": "TARGET_TYPE_POST", "target_id": postID, "outcome": "OUTCOME_REMOVE",
			"ground": "A5.6", "public_explanation": "욕설"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	missing := "00000000-0000-7000-8000-000000000000"
	runEdgeCases(t, []edgeCase{
		{name: "board id malformed", c: s.Public(), method: "GET", path: "/v1/boards/not-a-uuid", field: "board_id"},
		{name: "post id NUL", c: s.Public(), method: "GET", path: "/v1/posts/%00", field: "post_id"},
		{name: "board missing", c: s.Public(), method: "GET", path: "/v1/boards/" + missing, status: http.StatusNotFound},
		{name: "post missing", c: s.Public(), method: "GET", path: "/v1/posts/" + missing, status: http.StatusNotFound},
		{name: "negative page size", c: s.Public(), method: "GET", path: posts + "?page_size=-1", field: "page_size"},
		{name: "huge page size", c: s.Public(), method: "GET", path: posts + "?page_size=99999999999", status: http.StatusBadRequest},
		{name: "forged page token", c: s.Public(), method: "GET", path: posts + "?page_token=eHx5", field: "page_token"},
		{name: "unknown enum name", c: admin, method: "POST", path: "/v1/boards", status: http.StatusBadRequest,
			body: map[string]any{"name": "x", "purpose": "p", "department_code": "D", "posting_policy": "BOGUS"}},
		{name: "unknown enum number", c: admin, method: "POST", path: "/v1/boards", field: "posting_policy",
			body: map[string]any{"name": "x", "purpose": "p", "department_code": "D", "posting_policy": 99}},
		{name: "unknown moderation mode", c: admin, method: "POST", path: "/v1/boards", field: "moderation_mode",
			body: map[string]any{"name": "x", "purpose": "p", "department_code": "D", "moderation_mode": 7}},
		{name: "board name NUL", c: admin, method: "POST", path: "/v1/boards", field: "name",
			body: map[string]any{"name": "a\u0000b", "purpose": "p", "department_code": "D"}},
		{name: "board name Hangul filler", c: admin, method: "POST", path: "/v1/boards", field: "name",
			body: map[string]any{"name": "\u3164\u3164", "purpose": "p", "department_code": "D"}},
		{name: "title NUL", c: cit, method: "POST", path: posts, field: "title", body: map[string]any{"title": "a\u0000", "body": "본문"}},
		{name: "empty Korean body", c: cit, method: "POST", path: posts, field: "body",
			body: map[string]any{"title": "제목", "body": "\u115f\u1160\u200b \u3000"}},
		{name: "oversized body", c: cit, method: "POST", path: posts, field: "body",
			body: map[string]any{"title": "제목", "body": strings.Repeat("가", 20001)}},
		{name: "request id NUL", c: cit, method: "POST", path: posts, field: "request_id",
			body: map[string]any{"title": "제목", "body": "본문입니다", "request_id": "r\u0000"}},
		{name: "post on missing board", c: cit, method: "POST", path: "/v1/boards/" + missing + "/posts",
			status: http.StatusNotFound, body: map[string]any{"title": "제목", "body": "본문입니다"}},
		{name: "post anonymously", c: s.Public(), method: "POST", path: posts, status: http.StatusUnauthorized,
			body: map[string]any{"title": "제목", "body": "본문입니다"}},
		{name: "edit NUL", c: cit, method: "PATCH", path: "/v1/posts/" + postID, field: "body", body: map[string]any{"title": "t", "body": "\u0000"}},
		{name: "comment NUL", c: cit, method: "POST", path: "/v1/posts/" + postID + "/comments", field: "body", body: map[string]any{"body": "댓글\u0000"}},
		{name: "report unknown target type", c: mod, method: "POST", path: "/v1/reports", field: "target_type",
			body: map[string]any{"target_type": 42, "target_id": postID, "ground": "A5.6", "text": "x"}},
		{name: "report unknown ground", c: mod, method: "POST", path: "/v1/reports", field: "ground",
			body: map[string]any{"target_type": "TARGET_TYPE_POST", "target_id": postID, "ground": "A5.10", "text": "x"}},
		{name: "decision explanation NUL", c: mod, method: "POST", path: "/v1/moderation/decisions", field: "public_explanation",
			body: decide(map[string]any{"public_explanation": "설명\u0000"})},
		{name: "decision unknown source", c: mod, method: "POST", path: "/v1/moderation/decisions", field: "source",
			body: decide(map[string]any{"source": 77})},
		{name: "decision restore outcome", c: mod, method: "POST", path: "/v1/moderation/decisions", field: "outcome",
			body: decide(map[string]any{"outcome": "OUTCOME_RESTORE"})},
		{name: "hide too long", c: mod, method: "POST", path: "/v1/moderation/decisions", field: "hide_days",
			body: decide(map[string]any{"outcome": "OUTCOME_HIDE", "hide_days": 31})},
		{name: "hide negative", c: mod, method: "POST", path: "/v1/moderation/decisions", field: "hide_days",
			body: decide(map[string]any{"outcome": "OUTCOME_HIDE", "hide_days": -4})},
		{name: "citizen decides", c: cit, method: "POST", path: "/v1/moderation/decisions", status: http.StatusForbidden, body: decide(nil)},
		{name: "queue anonymously", c: s.Public(), method: "GET", path: "/v1/moderation/queue", status: http.StatusUnauthorized},
		{name: "queue as citizen", c: cit, method: "GET", path: "/v1/moderation/queue", status: http.StatusForbidden},
		{name: "appeal missing decision", c: cit, method: "POST", path: "/v1/moderation/decisions/" + missing + "/appeals",
			status: http.StatusNotFound, body: map[string]any{"reason": "부당합니다"}},
		{name: "appeal id malformed", c: mod, method: "POST", path: "/v1/moderation/appeals/zz:decide", field: "appeal_id",
			body: map[string]any{"reverse": true, "resolution": "x"}},
		{name: "appeal status unknown", c: mod, method: "GET", path: "/v1/moderation/appeals?status=99", status: http.StatusBadRequest},
		{name: "report period reversed", c: s.Public(), method: "GET", field: "start_time",
			path: "/v1/moderation/transparency-report?start_time=2025-02-01T00:00:00Z&end_time=2025-01-01T00:00:00Z"},
		{name: "report period too long", c: s.Public(), method: "GET", field: "end_time",
			path: "/v1/moderation/transparency-report?start_time=2020-01-01T00:00:00Z&end_time=2025-01-01T00:00:00Z"},
		{name: "log board malformed", c: s.Public(), method: "GET", path: "/v1/moderation/log?board_id=zz", field: "board_id"},
	})

	r = s.Public().Do(t, "GET", posts, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var list struct {
		Posts []struct {
			Body   string `json:"body"`
			Status string `json:"status"`
		} `json:"posts"`
	}
	r.JSON(t, &list)
	require.Len(t, list.Posts, 1, "no bad post was stored")
	require.Equal(t, "정상적인 제안 글입니다", list.Posts[0].Body, "no bad edit was stored")
	require.Equal(t, "ITEM_STATUS_VISIBLE", list.Posts[0].Status, "no bad decision was stored")
	r = s.Public().Do(t, "GET", "/v1/boards/"+boardID+"/moderation-log", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var log struct {
		Decisions []any `json:"decisions"`
	}
	r.JSON(t, &log)
	require.Empty(t, log.Decisions, "no bad decision was logged")
	// ListBoards answers every board in one response (it has no paging).
	r = s.Public().Do(t, "GET", "/v1/boards", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var boards struct {
		Boards []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"boards"`
	}
	r.JSON(t, &boards)
	listed := false
	for _, b := range boards.Boards {
		require.NotContains(t, []string{"x", "a\x00b", "\u3164\u3164"}, b.Name, "no bad board was stored")
		listed = listed || b.ID == boardID
	}
	require.True(t, listed, "the listing holds this test's own board, so the check reads every board")
}

// createBoard opens a board of SMG-CIVIL as admin and returns its id.
// fields holds the name and any other CreateBoard field; the purpose is
// "e2e" unless given.
func createBoard(t *testing.T, admin *Client, fields map[string]any) string {
	t.Helper()
	body := map[string]any{"purpose": "e2e", "department_code": "SMG-CIVIL"}
	maps.Copy(body, fields)
	r := admin.Do(t, "POST", "/v1/boards", body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var board struct {
		ID string `json:"id"`
	}
	r.JSON(t, &board)
	return board.ID
}
