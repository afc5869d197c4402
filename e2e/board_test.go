package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// A5.0, A5.6: a post removed by a moderator is replaced, at its own
// address and in its board's listing, by a tombstone naming the ground,
// and the removal appears in the public moderation log — through the edge.
func TestBoardRemovalShowsTombstone(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-board-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-board-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	mod := s.Client(t, identity.Claims{Subject: "e2e-board-mod", Roles: []identity.Role{identity.RoleModerator}})

	boardID := createBoard(t, admin, map[string]any{"name": "e2e 자유게시판", "purpose": "e2e", "department_code": "SMG-CIVIL"})

	r := citizen.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "항의", "body": "씨 @ 발 이게 행정입니까", "request_id": "e2e-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var created struct {
		ID string `json:"id"`
	}
	r.JSON(t, &created)
	postID := created.ID

	r = mod.Do(t, "POST", "/v1/moderation/decisions", map[string]any{"target_type": "TARGET_TYPE_POST", "target_id": postID,
		"outcome": "OUTCOME_REMOVE", "ground": "A5.6", "public_explanation": "욕설이 포함되어 삭제했습니다."})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	type tombstoned struct {
		Body      string `json:"body"`
		Status    string `json:"status"`
		Tombstone struct {
			Notice      string `json:"notice"`
			Explanation string `json:"explanation"`
			RemoveTime  string `json:"remove_time"`
		} `json:"tombstone"`
	}
	var one tombstoned
	r = s.Public().Do(t, "GET", "/v1/posts/"+postID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r.JSON(t, &one)
	require.Equal(t, "ITEM_STATUS_REMOVED", one.Status)
	require.Empty(t, one.Body)
	require.Equal(t, "「조례 제5조 제6호에 따라 삭제」", one.Tombstone.Notice)
	require.Equal(t, "욕설이 포함되어 삭제했습니다.", one.Tombstone.Explanation)
	require.NotEmpty(t, one.Tombstone.RemoveTime)

	var list struct {
		Posts []tombstoned `json:"posts"`
	}
	r = s.Public().Do(t, "GET", "/v1/boards/"+boardID+"/posts", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r.JSON(t, &list)
	require.Len(t, list.Posts, 1)
	require.Equal(t, "「조례 제5조 제6호에 따라 삭제」", list.Posts[0].Tombstone.Notice)

	r = s.Public().Do(t, "GET", "/v1/boards/"+boardID+"/moderation-log", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "조례 제5조 제6호")
	require.NotContains(t, string(r.Body), "e2e-board-citizen")
	require.NotContains(t, string(r.Body), "e2e-board-mod")
}

// A5.7: on a real-name board the edge shows the masked real name the
// privacy service holds for the author.
func TestBoardRealNameThroughPrivacy(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-rn-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-rn-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	boardID := createBoard(t, admin, map[string]any{"name": "e2e 실명게시판", "purpose": "e2e",
		"department_code": "SMG-CIVIL", "real_name_required": true})

	r := citizen.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "제안", "body": "실명 제안입니다"})
	require.Equal(t, http.StatusBadRequest, r.Status, "no name on file is a failed precondition: %s", r.Body)

	r = citizen.Do(t, "POST", "/v1/privacy/subjects/e2e-rn-citizen/data", map[string]any{"purpose": "real_name_board",
		"fields": []map[string]string{{"name": "name", "value": "홍길동"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r = citizen.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "제안", "body": "실명 제안입니다"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var created struct {
		AuthorDisplay string `json:"author_display"`
	}
	r.JSON(t, &created)
	require.Equal(t, "홍*동", created.AuthorDisplay)
}
