package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A8.1 (issue 15), through the edge: a post's points are clawed back when a
// moderator removes it and come back, exactly once, when the author's
// appeal is upheld by another moderator and the post is restored.
func TestMileageRestoredPostGivesPointsBackOnce(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-restore-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-restore-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	mod := s.Client(t, identity.Claims{Subject: "e2e-restore-mod", Roles: []identity.Role{identity.RoleModerator}})
	mod2 := s.Client(t, identity.Claims{Subject: "e2e-restore-mod2", Roles: []identity.Role{identity.RoleModerator}})

	boardID := createBoard(t, admin, map[string]any{"name": "e2e 복원 게시판", "purpose": "e2e", "department_code": "SMG-CIVIL"})
	r := citizen.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "공원 벤치 수리 요청",
		"body": "중앙공원 벤치가 부서져 있습니다.", "request_id": "e2e-restore-post-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	postID := createdID(t, r, "post")
	waitBalance(t, citizen, 100)

	r = mod.Do(t, "POST", "/v1/moderation/decisions", map[string]any{"target_type": "TARGET_TYPE_POST", "target_id": postID,
		"outcome": "OUTCOME_REMOVE", "ground": "A5.6", "public_explanation": "욕설로 잘못 판단하여 삭제했습니다."})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	decisionID := field(t, r, "decision", "id")
	waitBalance(t, citizen, 0)

	r = citizen.Do(t, "POST", "/v1/moderation/decisions/"+decisionID+"/appeals", map[string]any{"reason": "욕설이 없는 글입니다."})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	appealID := field(t, r, "appeal", "id")
	r = mod2.Do(t, "POST", "/v1/moderation/appeals/"+appealID+":decide", map[string]any{"reverse": true, "resolution": "삭제를 취소합니다."})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	waitBalance(t, citizen, 100)

	// Once no event is in flight, the points came back exactly once.
	waitQuiescent(t, s)
	require.EqualValues(t, 100, balance(t, citizen))
	var restored []historyLine
	for _, l := range mileageHistory(t, citizen) {
		if l.Kind == "earned" && strings.HasPrefix(l.Memo, "restored on appeal:") {
			restored = append(restored, l)
		}
	}
	require.Len(t, restored, 1, "one restoration on the statement")
	require.EqualValues(t, 100, restored[0].Points)
}

// waitBalance waits until c's balance is exactly want.
func waitBalance(t *testing.T, c *Client, want int64) {
	t.Helper()
	servicetest.EventuallyWithin(t, 90*time.Second, "mileage balance", func() bool { return balance(t, c) == want })
}

// field reads resource.id-like string fields of a JSON answer.
func field(t *testing.T, r *Response, resource, name string) string {
	t.Helper()
	var body map[string]map[string]any
	r.JSON(t, &body)
	v, _ := body[resource][name].(string)
	require.NotEmpty(t, v, "%s.%s in %s", resource, name, r.Body)
	return v
}
