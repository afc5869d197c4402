package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// TestA10_4_ErasureReachesEveryServiceThroughEdge (A10.4: the data is kept
// encrypted under a per-citizen key, so erasing is destroying that key): a
// citizen with a real-name post, a complaint with a contact and a transit
// top-up asks the privacy service to erase their data. Their data key is
// destroyed — what the vault kept can no longer be revealed, not even to
// the citizen — and the erasure event makes the board, petition and
// mileage services drop what they kept: the posts, the complaint and the
// redemption stay (they are public or legal records), the masked name,
// phone and card number go.
func TestA10_4_ErasureReachesEveryServiceThroughEdge(t *testing.T) {
	s := suite(t)
	sub := fmt.Sprintf("e2e-erase-%d", time.Now().UnixNano())
	me := s.Client(t, identity.Claims{Subject: sub, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	admin := s.Client(t, identity.Claims{Subject: "e2e-erase-admin", Roles: []identity.Role{identity.RoleAdmin}})
	civil := s.Client(t, identity.Claims{Subject: "e2e-erase-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})

	boardID := createBoard(t, admin, map[string]any{"name": "e2e 삭제권 실명게시판", "purpose": "e2e",
		"department_code": "SMG-CIVIL", "real_name_required": true, "request_id": sub + "-board"})
	r := me.Do(t, "POST", "/v1/privacy/subjects/"+sub+"/data", map[string]any{"purpose": "real_name_board",
		"fields": []map[string]string{{"name": "name", "value": "배서울"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var stored struct {
		Tokens []struct {
			Token string `json:"token"`
		} `json:"tokens"`
	}
	r.JSON(t, &stored)
	require.Len(t, stored.Tokens, 1)
	nameToken := stored.Tokens[0].Token
	r = me.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "실명 제안", "body": "가로등을 늘려 주세요."})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var post struct {
		ID            string `json:"id"`
		AuthorDisplay string `json:"author_display"`
	}
	r.JSON(t, &post)
	require.Equal(t, "배*울", post.AuthorDisplay)

	r = me.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": sub + "-complaint", "complaint_type": "inquiry_procedure",
		"title": "가로등 고장", "body": "골목 가로등이 꺼져 있습니다.", "contact": map[string]string{"name": "배서울", "phone": "010-8642-1357"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var filed filedComplaint
	r.JSON(t, &filed)
	require.Equal(t, "010-****-1357", filed.Complaint.Contact.Phone)
	require.NotEmpty(t, filed.Complaint.Contact.Tokens)

	// Before the erasure the citizen reads back what the vault keeps.
	revealOwn := func(tokens []string) *Response {
		return me.Do(t, "POST", "/v1/privacy/reveal", map[string]any{"tokens": tokens, "purpose": "self_access"})
	}
	r = revealOwn([]string{nameToken})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "배서울")
	r = revealOwn(filed.Complaint.Contact.Tokens)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "010-8642-1357")

	r = civil.Do(t, "POST", "/v1/mileage/accounts/"+sub+"/grants", map[string]any{"points": 1000, "reason": "e2e 삭제권", "request_id": sub + "-grant"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r = me.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": sub + "-redeem", "item_id": "transit-topup",
		"points": 1000, "transit_card_number": "9876-5432-1098-7654"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, redemptionsOf(t, me, sub), "7654", "the masked card number is shown before the erasure")

	r = me.Do(t, "POST", "/v1/privacy/subjects/"+sub+":erase", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	// The data key is gone: nothing the vault kept for the citizen can be
	// read any more, not even by the citizen.
	for _, tokens := range [][]string{{nameToken}, filed.Complaint.Contact.Tokens} {
		r = revealOwn(tokens)
		require.Equal(t, http.StatusNotFound, r.Status, string(r.Body))
		require.False(t, containsAny(string(r.Body), "배서울", "010-8642-1357", "01086421357"), string(r.Body))
	}

	var postGone, complaintGone, cardGone bool
	servicetest.EventuallyWithin(t, 30*time.Second, servicetest.Detail(func() string {
		return fmt.Sprintf("the erasure everywhere: post name dropped %v, complaint contact dropped %v, card dropped %v",
			postGone, complaintGone, cardGone)
	}), func() bool {
		postGone = authorDisplay(t, s.Public(), "/v1/posts/"+post.ID) == "(삭제된 이용자)"
		r = me.Do(t, "GET", "/v1/complaints/"+filed.Complaint.ID, nil)
		require.Equal(t, http.StatusOK, r.Status, "the complaint stays: %s", r.Body)
		complaintGone = !containsAny(string(r.Body), "1357", "배*울")
		cardGone = !containsAny(redemptionsOf(t, me, sub), "7654")
		return postGone && complaintGone && cardGone
	})
}

// authorDisplay reads a post's author_display.
func authorDisplay(t *testing.T, c *Client, path string) string {
	t.Helper()
	r := c.Do(t, "GET", path, nil)
	require.Equal(t, http.StatusOK, r.Status, "the post stays: %s", r.Body)
	var post struct {
		AuthorDisplay string `json:"author_display"`
	}
	r.JSON(t, &post)
	return post.AuthorDisplay
}

func redemptionsOf(t *testing.T, c *Client, sub string) string {
	t.Helper()
	r := c.Do(t, "GET", "/v1/mileage/accounts/"+sub+"/redemptions", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "transit-topup", "the redemption stays")
	return string(r.Body)
}

func containsAny(s string, parts ...string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
