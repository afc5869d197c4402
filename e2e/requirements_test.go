package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Requirement tests through the REST edge for IDs that were tested only
// inside the services. Subjects, request ids and tags start with e2e-req-.

// reqInt decodes an int64 that the edge sends as a JSON string (or number);
// an omitted zero stays 0.
type reqInt int64

func (n *reqInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	*n = reqInt(v)
	return err
}

type reqDepartment struct {
	Code   string `json:"code"`
	NameKo string `json:"name_ko"`
	Phone  string `json:"phone"`
	Email  string `json:"email"`
}

type reqItem struct {
	ID         string        `json:"id"`
	Kind       string        `json:"kind"`
	Status     string        `json:"status"`
	Department reqDepartment `json:"department"`
	Text       struct {
		Title string `json:"title"`
	} `json:"text"`
	Tags           []string `json:"tags"`
	LastVerifyTime string   `json:"last_verify_time"`
	NextReviewTime string   `json:"next_review_time"`
	Stale          bool     `json:"stale"`
	Feedback       struct {
		Helpful    reqInt `json:"helpful"`
		NotHelpful reqInt `json:"not_helpful"`
	} `json:"feedback"`
}

func reqTime(t *testing.T, s string) time.Time {
	t.Helper()
	require.NotEmpty(t, s, "timestamp missing")
	v, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return v
}

func reqOfficial(t *testing.T, s *Suite, subject, dept string) *Client {
	t.Helper()
	return s.Client(t, identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleOfficial}, Department: dept})
}

// reqPublish creates, submits and publishes an item as official and returns
// it as the publish call answered.
func reqPublish(t *testing.T, official *Client, requestID, dept, kind, title string, tags ...string) reqItem {
	t.Helper()
	body := map[string]any{"request_id": requestID, "department_code": dept, "kind": kind,
		"title": map[string]string{"ko": title}, "summary": map[string]string{"ko": title + " 요약"},
		"body": map[string]string{"ko": title + " 본문입니다."}, "tags": tags}
	r := official.Do(t, "POST", "/v1/items", body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var created reqItem
	r.JSON(t, &created)
	require.Equal(t, "ITEM_STATUS_DRAFT", created.Status)
	id := created.ID
	var out struct {
		Item reqItem `json:"item"`
	}
	for _, verb := range []string{"submit", "publish"} {
		r = official.Do(t, "POST", "/v1/items/"+id+":"+verb, map[string]any{})
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", verb, r.Body)
	}
	r.JSON(t, &out)
	require.Equal(t, "ITEM_STATUS_PUBLISHED", out.Item.Status)
	return out.Item
}

func reqGetItem(t *testing.T, c *Client, id string) reqItem {
	t.Helper()
	r := c.Do(t, "GET", "/v1/items/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var out reqItem
	r.JSON(t, &out)
	return out
}

// A3.1.1, A3.1.2, A3.1.5, A3.1.6, A4.2: officials publish administrative
// (policy, work progress), regional (living, industry, culture, tourism),
// promotion and other items; the public finds each by the kind filter, and
// every item shows its responsible department with its public contact.
func TestReqContentKindsListedWithDepartmentContact(t *testing.T) {
	s := suite(t)
	kinds := []struct{ kind, dept, title string }{
		{"KIND_POLICY", "SMG-WELFARE", "e2e 청년 주거 정책"},           // A3.1.1
		{"KIND_WORK_PROGRESS", "SMG-DIGITAL", "e2e 스마트도시 추진 현황"}, // A3.1.1
		{"KIND_LIVING", "SMG-TRANSPORT", "e2e 생활 교통 안내"},         // A3.1.2
		{"KIND_INDUSTRY", "SMG-DIGITAL", "e2e 서울 산업 단지 정보"},      // A3.1.2
		{"KIND_CULTURE", "SMG-CULTURE", "e2e 서울 문화의 밤"},          // A3.1.2
		{"KIND_TOURISM", "SMG-CULTURE", "e2e 한강 관광 코스"},          // A3.1.2
		{"KIND_PROMOTION", "SMG-CIVIL", "e2e 서울시 해외 홍보 및 정보 교류"}, // A3.1.5
		{"KIND_OTHER", "SMG-CIVIL", "e2e 시민 생활 개선 정보"},           // A3.1.6
	}
	const tag = "e2e-req-kinds"
	published := map[string]reqItem{}
	for i, k := range kinds {
		official := reqOfficial(t, s, "e2e-req-kinds-"+strings.ToLower(k.dept), k.dept)
		it := reqPublish(t, official, fmt.Sprintf("e2e-req-kinds-%d", i), k.dept, k.kind, k.title, tag)
		published[k.kind] = it
	}

	for _, k := range kinds {
		t.Run(k.kind, func(t *testing.T) {
			want := published[k.kind]
			r := s.Public().Do(t, "GET", "/v1/departments/"+k.dept, nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			var dir reqDepartment
			r.JSON(t, &dir)

			// The kind filter alone: every hit has the kind.
			r = s.Public().Do(t, "GET", "/v1/items?page_size=100&kind="+k.kind, nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			var all struct {
				Items []reqItem `json:"items"`
			}
			r.JSON(t, &all)
			require.NotEmpty(t, all.Items)
			for _, it := range all.Items {
				require.Equal(t, k.kind, it.Kind, "kind filter returned %s", it.ID)
			}

			// Kind and this test's tag: exactly the item published above.
			r = s.Public().Do(t, "GET", "/v1/items?kind="+k.kind+"&tag="+tag, nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			var mine struct {
				Items []reqItem `json:"items"`
			}
			r.JSON(t, &mine)
			require.Len(t, mine.Items, 1, string(r.Body))
			got := mine.Items[0]
			require.Equal(t, want.ID, got.ID)
			require.Equal(t, k.title, got.Text.Title)
			require.Equal(t, "ITEM_STATUS_PUBLISHED", got.Status)
			// A4.2: the responsible department and how to reach it.
			require.Equal(t, k.dept, got.Department.Code)
			require.NotEmpty(t, got.Department.NameKo)
			require.NotEmpty(t, got.Department.Phone)
			require.NotEmpty(t, got.Department.Email)
			require.Equal(t, dir.Phone, got.Department.Phone)
			require.Equal(t, dir.Email, got.Department.Email)

			one := reqGetItem(t, s.Public(), want.ID)
			require.Equal(t, k.kind, one.Kind)
			require.Equal(t, dir.Phone, one.Department.Phone)
			require.Equal(t, dir.Email, one.Department.Email)
		})
	}
}

// A3.3: citizens give feedback (helpful or not, with a comment) on a
// published item through the edge; the item's totals and the department's
// feedback list (for its officials) reflect it; one opinion per user.
func TestReqContentFeedbackAggregated(t *testing.T) {
	s := suite(t)
	official := reqOfficial(t, s, "e2e-req-fb-official", "SMG-TRANSPORT")
	it := reqPublish(t, official, "e2e-req-fb-item", "SMG-TRANSPORT", "KIND_LIVING", "e2e 버스 정류장 안내")
	yes := s.Client(t, identity.Claims{Subject: "e2e-req-fb-citizen-1", Roles: []identity.Role{identity.RoleCitizen}})
	no := s.Client(t, identity.Claims{Subject: "e2e-req-fb-citizen-2", Roles: []identity.Role{identity.RoleCitizen}})

	type submitted struct {
		Feedback struct {
			ID      string `json:"id"`
			ItemID  string `json:"item_id"`
			Helpful bool   `json:"helpful"`
			Comment string `json:"comment"`
		} `json:"feedback"`
		ItemFeedback struct {
			Helpful    reqInt `json:"helpful"`
			NotHelpful reqInt `json:"not_helpful"`
		} `json:"item_feedback"`
	}
	r := yes.Do(t, "POST", "/v1/items/"+it.ID+"/feedback", map[string]any{"helpful": true, "comment": "e2e-req 정류장 위치가 잘 나와 있어요"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var first submitted
	r.JSON(t, &first)
	require.Equal(t, it.ID, first.Feedback.ItemID)
	require.True(t, first.Feedback.Helpful)
	require.EqualValues(t, 1, first.ItemFeedback.Helpful)
	require.EqualValues(t, 0, first.ItemFeedback.NotHelpful)

	r = no.Do(t, "POST", "/v1/items/"+it.ID+"/feedback", map[string]any{"helpful": false, "comment": "e2e-req 막차 시간이 빠져 있습니다"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var second submitted
	r.JSON(t, &second)
	require.False(t, second.Feedback.Helpful)
	require.EqualValues(t, 1, second.ItemFeedback.Helpful)
	require.EqualValues(t, 1, second.ItemFeedback.NotHelpful)

	r = yes.Do(t, "POST", "/v1/items/"+it.ID+"/feedback", map[string]any{"helpful": false})
	require.Equal(t, http.StatusConflict, r.Status, "one opinion per user and item: %s", r.Body)

	// The item's aggregate, as anyone reading it sees it.
	got := reqGetItem(t, s.Public(), it.ID)
	require.EqualValues(t, 1, got.Feedback.Helpful)
	require.EqualValues(t, 1, got.Feedback.NotHelpful)

	// The department's aggregate with the comments, for its officials.
	r = official.Do(t, "GET", "/v1/departments/SMG-TRANSPORT/feedback?item_id="+it.ID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var list struct {
		Feedback []struct {
			ItemID  string `json:"item_id"`
			Helpful bool   `json:"helpful"`
			Comment string `json:"comment"`
		} `json:"feedback"`
		Summary struct {
			Helpful    reqInt `json:"helpful"`
			NotHelpful reqInt `json:"not_helpful"`
		} `json:"summary"`
	}
	r.JSON(t, &list)
	require.EqualValues(t, 1, list.Summary.Helpful)
	require.EqualValues(t, 1, list.Summary.NotHelpful)
	require.Len(t, list.Feedback, 2)
	var comments []string
	for _, f := range list.Feedback {
		require.Equal(t, it.ID, f.ItemID)
		comments = append(comments, f.Comment)
	}
	require.ElementsMatch(t, []string{"e2e-req 정류장 위치가 잘 나와 있어요", "e2e-req 막차 시간이 빠져 있습니다"}, comments)
	require.NotContains(t, string(r.Body), "e2e-req-fb-citizen", "feedback is listed without who gave it")

	r = official.Do(t, "GET", "/v1/departments/SMG-TRANSPORT/feedback", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var dept struct {
		Summary struct {
			Helpful    reqInt `json:"helpful"`
			NotHelpful reqInt `json:"not_helpful"`
		} `json:"summary"`
	}
	r.JSON(t, &dept)
	require.GreaterOrEqual(t, int64(dept.Summary.Helpful), int64(1))
	require.GreaterOrEqual(t, int64(dept.Summary.NotHelpful), int64(1))

	other := reqOfficial(t, s, "e2e-req-fb-culture", "SMG-CULTURE")
	require.Equal(t, http.StatusForbidden, other.Do(t, "GET", "/v1/departments/SMG-TRANSPORT/feedback", nil).Status)
	require.Equal(t, http.StatusForbidden, yes.Do(t, "GET", "/v1/departments/SMG-TRANSPORT/feedback", nil).Status)
	require.Equal(t, http.StatusUnauthorized, s.Public().Do(t, "POST", "/v1/items/"+it.ID+"/feedback", map[string]any{"helpful": true}).Status)
}

// A4.1: a published item carries last_verify_time and next_review_time
// (one review cycle later); an official of the owning department confirms
// it current and the review moves on; another department's official and a
// citizen are refused 403, the public 401. An overdue item is on the
// department's stale list until it is confirmed; fresh items are not.
func TestReqContentConfirmCurrentByOwningDepartment(t *testing.T) {
	s := suite(t)
	owner := reqOfficial(t, s, "e2e-req-confirm-owner", "SMG-DIGITAL")
	other := reqOfficial(t, s, "e2e-req-confirm-other", "SMG-CULTURE")
	citizen := s.Client(t, identity.Claims{Subject: "e2e-req-confirm-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	it := reqPublish(t, owner, "e2e-req-confirm-item", "SMG-DIGITAL", "KIND_POLICY", "e2e 공공데이터 개방 정책")

	before := reqGetItem(t, s.Public(), it.ID)
	verified0 := reqTime(t, before.LastVerifyTime)
	due0 := reqTime(t, before.NextReviewTime)
	require.False(t, before.Stale)
	require.Equal(t, 180*24*time.Hour, due0.Sub(verified0), "policies are reviewed every 180 days")
	require.WithinDuration(t, time.Now(), verified0, 5*time.Minute)

	for _, c := range []struct {
		name   string
		c      *Client
		status int
	}{
		{"another department's official", other, http.StatusForbidden},
		{"citizen", citizen, http.StatusForbidden},
		{"anonymous", s.Public(), http.StatusUnauthorized},
	} {
		r := c.c.Do(t, "POST", "/v1/items/"+it.ID+":confirm", map[string]any{})
		require.Equal(t, c.status, r.Status, "%s: %s", c.name, r.Body)
	}
	still := reqGetItem(t, s.Public(), it.ID)
	require.Equal(t, before.LastVerifyTime, still.LastVerifyTime, "a refused confirmation changes nothing")
	require.Equal(t, before.NextReviewTime, still.NextReviewTime)

	r := owner.Do(t, "POST", "/v1/items/"+it.ID+":confirm", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var confirmed struct {
		Item reqItem `json:"item"`
	}
	r.JSON(t, &confirmed)
	after := reqGetItem(t, s.Public(), it.ID)
	verified1 := reqTime(t, after.LastVerifyTime)
	due1 := reqTime(t, after.NextReviewTime)
	// What the write answered is exactly what a later read returns.
	require.Equal(t, reqTime(t, confirmed.Item.NextReviewTime), due1)
	require.True(t, verified1.After(verified0), "last_verify_time moves: %s → %s", verified0, verified1)
	require.True(t, due1.After(due0), "next_review_time moves: %s → %s", due0, due1)
	require.Equal(t, 180*24*time.Hour, due1.Sub(verified1))
	require.False(t, after.Stale)

	// A review cycle is months long, so an item is made overdue by moving
	// its review dates back in the content database; everything else goes
	// through the edge.
	overdue := reqPublish(t, owner, "e2e-req-confirm-overdue", "SMG-DIGITAL", "KIND_POLICY", "e2e 점검 기한 지난 정책")
	reqBackdateReview(t, s, overdue.ID, 200*24*time.Hour)
	require.True(t, reqGetItem(t, s.Public(), overdue.ID).Stale, "the review is overdue")
	stale := reqStaleItems(t, owner, "SMG-DIGITAL")
	require.Contains(t, stale, overdue.ID, "the overdue item is on its department's stale list")
	require.NotContains(t, stale, it.ID, "the item just confirmed is not")
	for id, item := range stale {
		require.Equal(t, "SMG-DIGITAL", item.Department.Code, "%s belongs to the department", id)
		require.True(t, item.Stale, "%s is overdue", id)
		require.False(t, reqTime(t, item.NextReviewTime).After(time.Now()), "%s: due %s", id, item.NextReviewTime)
	}
	r = owner.Do(t, "POST", "/v1/items/"+overdue.ID+":confirm", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NotContains(t, reqStaleItems(t, owner, "SMG-DIGITAL"), overdue.ID, "a confirmed item leaves the stale list")
	require.False(t, reqGetItem(t, s.Public(), overdue.ID).Stale)

	// The stale list is the owning department's (and admins') only.
	require.Equal(t, http.StatusForbidden, other.Do(t, "GET", "/v1/departments/SMG-DIGITAL/stale-items", nil).Status)
}

// reqBackdateReview moves an item's last review and next review date back
// by d, as if time had passed since it was last confirmed.
func reqBackdateReview(t *testing.T, s *Suite, id string, d time.Duration) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.Launch.DatabaseURL("content"))
	require.NoError(t, err)
	defer conn.Close(ctx)
	tag, err := conn.Exec(ctx, `UPDATE items SET last_verified_at = last_verified_at - $2::interval,
		next_review_due = next_review_due - $2::interval WHERE id = $1`, id, fmt.Sprintf("%d seconds", int64(d.Seconds())))
	require.NoError(t, err)
	require.EqualValues(t, 1, tag.RowsAffected())
}

// reqStaleItems reads a department's whole stale list as official, by id.
func reqStaleItems(t *testing.T, official *Client, dept string) map[string]reqItem {
	t.Helper()
	out := map[string]reqItem{}
	for _, it := range reqAllItems(t, official, "/v1/departments/"+dept+"/stale-items?page_size=100") {
		out[it.ID] = it
	}
	return out
}

// reqAllItems follows next_page_token from path (which has a query) to the
// last page and returns every item listed.
func reqAllItems(t *testing.T, c *Client, path string) []reqItem {
	t.Helper()
	return allPages[reqItem](t, c.getter(t), path, "items")
}

type reqScorecard struct {
	StartTime   string `json:"start_time"`
	EndTime     string `json:"end_time"`
	Method      string `json:"method"`
	Provisional bool   `json:"provisional"`
	Departments []struct {
		DepartmentCode string  `json:"department_code"`
		Items          int     `json:"items"`
		FreshShare     float64 `json:"fresh_share"`
		Score          float64 `json:"score"`
		Rank           int     `json:"rank"`
		Incentive      bool    `json:"incentive"`
		Complaints     struct {
			Answered    int `json:"answered"`
			OpenOverdue int `json:"open_overdue"`
			Extensions  int `json:"extensions"`
		} `json:"complaints"`
		Moderation struct {
			Removals int `json:"removals"`
		} `json:"moderation"`
	} `json:"departments"`
}

// A4.3: GET /v1/scorecards for a period ranks the departments with
// published items (or complaints handled, or removals), explains the
// method and marks the top three for incentives; asking again for the same past period — after the
// department has published and confirmed more — gives the same result.
func TestReqScorecardRankedAndReproducible(t *testing.T) {
	s := suite(t)
	official := reqOfficial(t, s, "e2e-req-score-official", "SMG-WELFARE")
	scored := reqPublish(t, official, "e2e-req-score-item", "SMG-WELFARE", "KIND_POLICY", "e2e 복지 정책 평가 대상")
	// The period ends now, after every change above committed: it is
	// evaluated as of its end, so a repeat reads the same history.
	end := time.Now().UTC()
	start := end.Add(-30 * 24 * time.Hour)
	path := "/v1/scorecards?start_time=" + url.QueryEscape(start.Format(time.RFC3339Nano)) +
		"&end_time=" + url.QueryEscape(end.Format(time.RFC3339Nano))

	r := s.Public().Do(t, "GET", path, nil)
	require.Equal(t, http.StatusUnauthorized, r.Status, "scorecards are for officials: %s", r.Body)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-req-score-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	require.Equal(t, http.StatusForbidden, citizen.Do(t, "GET", path, nil).Status)

	first := official.Do(t, "GET", path, nil)
	require.Equal(t, http.StatusOK, first.Status, string(first.Body))
	var sc reqScorecard
	first.JSON(t, &sc)
	require.Equal(t, start.Truncate(time.Microsecond), reqTime(t, sc.StartTime).Truncate(time.Microsecond))
	require.Equal(t, end.Truncate(time.Microsecond), reqTime(t, sc.EndTime).Truncate(time.Microsecond))
	require.NotEmpty(t, sc.Method, "the method is explained with the result")
	require.NotEmpty(t, sc.Departments)

	ranked := 0
	welfare := false
	for i, d := range sc.Departments {
		c := d.Complaints
		if d.Items == 0 && c.Answered+c.OpenOverdue+c.Extensions == 0 && d.Moderation.Removals == 0 {
			require.Zero(t, d.Rank, "%s has nothing evaluated and is not ranked", d.DepartmentCode)
			require.False(t, d.Incentive)
			continue
		}
		ranked++
		require.Equal(t, i+1, d.Rank, "ranked departments come first, in rank order: %+v", d)
		require.Equal(t, d.Rank <= 3, d.Incentive, "the top three are marked for incentives: %+v", d)
		if i > 0 {
			require.GreaterOrEqual(t, sc.Departments[i-1].Score, d.Score, "ranked by score")
		}
		welfare = welfare || d.DepartmentCode == "SMG-WELFARE"
	}
	require.GreaterOrEqual(t, ranked, 3, "the sample data and this test publish for several departments")
	require.True(t, welfare, "the department that just published is ranked")

	// The default period (the last full month) is past: final.
	r = official.Do(t, "GET", "/v1/scorecards", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var def1, def2 map[string]any
	r.JSON(t, &def1)
	require.NotEqual(t, true, def1["provisional"])
	require.NotEmpty(t, def1["method"])

	// After the period the department publishes another item and confirms
	// the first: the scorecards of the past periods do not move.
	reqPublish(t, official, "e2e-req-score-item-2", "SMG-WELFARE", "KIND_POLICY", "e2e 복지 정책 평가 이후")
	r = official.Do(t, "POST", "/v1/items/"+scored.ID+":confirm", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	again := official.Do(t, "GET", path, nil)
	require.Equal(t, http.StatusOK, again.Status, string(again.Body))
	var sc2 reqScorecard
	again.JSON(t, &sc2)
	require.Equal(t, sc, sc2, "the same request gives the same scorecard")
	var raw1, raw2 map[string]any
	first.JSON(t, &raw1)
	again.JSON(t, &raw2)
	require.Equal(t, raw1, raw2)

	r = official.Do(t, "GET", "/v1/scorecards", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r.JSON(t, &def2)
	require.Equal(t, def1, def2, "the last full month's scorecard is final")
}

type reqBoard struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Purpose        string `json:"purpose"`
	DepartmentCode string `json:"department_code"`
}

type reqPost struct {
	ID            string `json:"id"`
	BoardID       string `json:"board_id"`
	Title         string `json:"title"`
	Body          string `json:"body"`
	AuthorDisplay string `json:"author_display"`
	Status        string `json:"status"`
	Tombstone     *struct {
		Ground      string `json:"ground"`
		Notice      string `json:"notice"`
		Explanation string `json:"explanation"`
		RemoveTime  string `json:"remove_time"`
		DecisionID  string `json:"decision_id"`
	} `json:"tombstone"`
}

func reqCreateBoard(t *testing.T, admin *Client, requestID, name, purpose string) reqBoard {
	t.Helper()
	r := admin.Do(t, "POST", "/v1/boards", map[string]any{"request_id": requestID, "name": name, "purpose": purpose, "department_code": "SMG-CIVIL"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var out reqBoard
	r.JSON(t, &out)
	require.NotEmpty(t, out.ID)
	return out
}

func reqCreatePost(t *testing.T, c *Client, boardID, requestID, title, body string) reqPost {
	t.Helper()
	r := c.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"request_id": requestID, "title": title, "body": body})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var out reqPost
	r.JSON(t, &out)
	require.NotEmpty(t, out.ID)
	return out
}

func reqListPosts(t *testing.T, c *Client, boardID string) map[string]reqPost {
	t.Helper()
	r := c.Do(t, "GET", "/v1/boards/"+boardID+"/posts?page_size=100", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var out struct {
		Posts []reqPost `json:"posts"`
	}
	r.JSON(t, &out)
	byID := map[string]reqPost{}
	for _, p := range out.Posts {
		byID[p.ID] = p
	}
	return byID
}

// A3.1.4: anyone can list the participation boards, open one and read its
// posts through the edge, without signing in.
func TestReqBoardsAndPostsListedPublicly(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-req-boards-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-req-boards-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	board := reqCreateBoard(t, admin, "e2e-req-boards-board", "e2e-req 시정 참여 게시판", "e2e-req 시정에 대한 시민 참여")
	p1 := reqCreatePost(t, citizen, board.ID, "e2e-req-boards-post-1", "공원 산책로 정비", "동네 공원 산책로의 파손된 보도블록을 정비해 주세요.")
	p2 := reqCreatePost(t, citizen, board.ID, "e2e-req-boards-post-2", "도서관 운영 시간", "주말 저녁에도 구립 도서관을 열어 주시면 좋겠습니다.")

	r := s.Public().Do(t, "GET", "/v1/boards", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var boards struct {
		Boards []reqBoard `json:"boards"`
	}
	r.JSON(t, &boards)
	names := map[string]reqBoard{}
	for _, b := range boards.Boards {
		names[b.Name] = b
	}
	require.Contains(t, names, "시민 제안 게시판", "the sample board is listed")
	require.Contains(t, names, board.Name)
	require.Equal(t, board.ID, names[board.Name].ID)
	require.Equal(t, board.Purpose, names[board.Name].Purpose)
	require.Equal(t, "SMG-CIVIL", names[board.Name].DepartmentCode)

	r = s.Public().Do(t, "GET", "/v1/boards/"+board.ID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var one reqBoard
	r.JSON(t, &one)
	require.Equal(t, board, one)

	posts := reqListPosts(t, s.Public(), board.ID)
	require.Len(t, posts, 2)
	for _, want := range []reqPost{p1, p2} {
		got := posts[want.ID]
		require.Equal(t, want.Title, got.Title)
		require.Equal(t, want.Body, got.Body)
		require.Equal(t, board.ID, got.BoardID)
		require.Equal(t, "ITEM_STATUS_VISIBLE", got.Status)
		require.NotEmpty(t, got.AuthorDisplay)
		require.NotContains(t, got.AuthorDisplay, "e2e-req-boards-citizen", "the public sees a pseudonym")
	}
	r = s.Public().Do(t, "GET", "/v1/posts/"+p1.ID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var single reqPost
	r.JSON(t, &single)
	require.Equal(t, p1.Body, single.Body)
	require.NotContains(t, string(r.Body), "e2e-req-boards-citizen")
}

// A5.1, A5.2, A5.3, A5.4, A5.9 (and A5.0): a moderator removes posts on
// each of these grounds through the edge; each post's own address and the
// board's listing show the tombstone 「조례 제5조 제N호에 따라 삭제」 with the
// explanation, and the public moderation log lists every removal without
// the author's subject or display name or the moderator.
func TestReqModerationRemovalGroundsShowTombstones(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-req-mod-admin", Roles: []identity.Role{identity.RoleAdmin}})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-req-mod-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	mod := s.Client(t, identity.Claims{Subject: "e2e-req-mod-moderator", Roles: []identity.Role{identity.RoleModerator}})
	board := reqCreateBoard(t, admin, "e2e-req-mod-board", "e2e-req 삭제 사유 게시판", "e2e-req 게시물 삭제 사유 공개 확인")

	grounds := []struct {
		ground      string
		n           int
		title, body string
		explanation string
	}{
		{"A5.1", 1, "군사 시설 정보", "e2e-req 가상의 군사 보안 시설 위치와 경비 교대 시간을 적은 글입니다.", "국가안보를 위태롭게 하는 내용이 포함되어 삭제했습니다."},
		{"A5.2", 2, "선거 운동", "e2e-req 다가오는 선거에서 특정 후보를 지지해 달라고 호소하는 글입니다.", "정치적 목적의 게시물이므로 삭제했습니다."},
		{"A5.3", 3, "구청 비방", "e2e-req 근거 없이 어느 구청 전체가 부패 집단이라고 주장하는 글입니다.", "근거 없이 행정기관을 비방하여 삭제했습니다."},
		{"A5.4", 4, "개인 비방", "e2e-req 실존 인물로 보이는 이웃을 근거 없이 범죄자로 지목하는 글입니다.", "특정인을 비방하여 명예를 훼손할 우려가 있어 삭제했습니다."},
		{"A5.9", 9, "게시판 목적 외 글", "e2e-req 시정과 관계없는 개인 물품 분실 사연을 길게 적은 글입니다.", "게시판의 목적에 맞지 않아 삭제했습니다."},
	}
	posts := map[string]reqPost{}
	for i, g := range grounds {
		p := reqCreatePost(t, citizen, board.ID, fmt.Sprintf("e2e-req-mod-post-%d", i), g.title, g.body)
		posts[g.ground] = p
	}
	for _, g := range grounds {
		r := mod.Do(t, "POST", "/v1/moderation/decisions", map[string]any{"target_type": "TARGET_TYPE_POST",
			"target_id": posts[g.ground].ID, "outcome": "OUTCOME_REMOVE", "ground": g.ground, "public_explanation": g.explanation})
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", g.ground, r.Body)
	}

	listed := reqListPosts(t, s.Public(), board.ID)
	require.Len(t, listed, len(grounds))
	for _, g := range grounds {
		t.Run(g.ground, func(t *testing.T) {
			notice := fmt.Sprintf("「조례 제5조 제%d호에 따라 삭제」", g.n)
			id := posts[g.ground].ID
			r := s.Public().Do(t, "GET", "/v1/posts/"+id, nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			var one reqPost
			r.JSON(t, &one)
			for where, p := range map[string]reqPost{"own address": one, "board listing": listed[id]} {
				require.Equal(t, "ITEM_STATUS_REMOVED", p.Status, where)
				require.Empty(t, p.Body, "%s: the removed text is not shown", where)
				require.NotNil(t, p.Tombstone, where)
				require.Equal(t, g.ground, p.Tombstone.Ground, where)
				require.Equal(t, notice, p.Tombstone.Notice, where)
				require.Equal(t, g.explanation, p.Tombstone.Explanation, where)
				require.NotEmpty(t, p.Tombstone.RemoveTime, where)
			}
			require.NotContains(t, string(r.Body), g.body)
		})
	}

	type logEntry struct {
		TargetID          string `json:"target_id"`
		BoardID           string `json:"board_id"`
		Outcome           string `json:"outcome"`
		Ground            string `json:"ground"`
		LegalBasis        string `json:"legal_basis"`
		Notice            string `json:"notice"`
		PublicExplanation string `json:"public_explanation"`
		Facts             string `json:"facts"`
	}
	for _, path := range []string{"/v1/boards/" + board.ID + "/moderation-log?page_size=100", "/v1/moderation/log?page_size=100&board_id=" + board.ID} {
		r := s.Public().Do(t, "GET", path, nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var log struct {
			Decisions []logEntry `json:"decisions"`
		}
		r.JSON(t, &log)
		require.Len(t, log.Decisions, len(grounds), "%s: %s", path, r.Body)
		byTarget := map[string]logEntry{}
		for _, e := range log.Decisions {
			byTarget[e.TargetID] = e
		}
		for _, g := range grounds {
			e, ok := byTarget[posts[g.ground].ID]
			require.True(t, ok, "%s: no entry for %s", path, g.ground)
			require.Equal(t, "OUTCOME_REMOVE", e.Outcome)
			require.Equal(t, g.ground, e.Ground)
			require.Equal(t, fmt.Sprintf("조례 제5조 제%d호", g.n), e.LegalBasis)
			require.Equal(t, fmt.Sprintf("「조례 제5조 제%d호에 따라 삭제」", g.n), e.Notice)
			require.Equal(t, g.explanation, e.PublicExplanation)
			require.Empty(t, e.Facts, "facts are not public")
			require.Equal(t, board.ID, e.BoardID)
		}
		body := string(r.Body)
		require.NotContains(t, body, "e2e-req-mod-citizen", "no author subject in the public log")
		require.NotContains(t, body, "e2e-req-mod-moderator", "no moderator in the public log")
		for _, p := range posts {
			require.NotContains(t, body, p.AuthorDisplay, "no author name in the public log")
		}
	}
}

type reqCatalogItem struct {
	ItemID        string `json:"item_id"`
	Channel       string `json:"channel"`
	MinPoints     reqInt `json:"min_points"`
	MaxPoints     reqInt `json:"max_points"`
	RequiredField string `json:"required_field"`
	Active        bool   `json:"active"`
	OrdinanceRef  string `json:"ordinance_ref"`
}

type reqRedemption struct {
	RedemptionID  string `json:"redemption_id"`
	SubjectID     string `json:"subject_id"`
	ItemID        string `json:"item_id"`
	Channel       string `json:"channel"`
	Points        reqInt `json:"points"`
	Status        string `json:"status"`
	MaskedAccount string `json:"masked_account"`
	FailureReason string `json:"failure_reason"`
}

func reqBalance(t *testing.T, c *Client) int64 {
	t.Helper()
	r := c.Do(t, "GET", "/v1/mileage/accounts/me", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var acct struct {
		Balance reqInt `json:"balance"`
		Held    reqInt `json:"held"`
	}
	r.JSON(t, &acct)
	require.Zero(t, acct.Held, "no points left on hold")
	return int64(acct.Balance)
}

// reqRedeemChannel grants a fresh citizen points, finds the channel's item
// in the public catalog and point table, redeems it with an account number
// through the sandbox partner, and checks the balance drops by its price.
func reqRedeemChannel(t *testing.T, channel, ordinanceRef, prefix string) {
	s := suite(t)
	subject := prefix + "-citizen"
	citizen := s.Client(t, identity.Claims{Subject: subject, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	official := reqOfficial(t, s, prefix+"-official", "SMG-CIVIL")

	r := s.Public().Do(t, "GET", "/v1/mileage/catalog", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var catalog struct {
		Items []reqCatalogItem `json:"catalog_items"`
	}
	r.JSON(t, &catalog)
	var item *reqCatalogItem
	for i := range catalog.Items {
		if catalog.Items[i].Channel == channel && catalog.Items[i].Active {
			item = &catalog.Items[i]
			break
		}
	}
	require.NotNil(t, item, "no active %s item in the catalog: %s", channel, r.Body)
	require.Equal(t, ordinanceRef, item.OrdinanceRef)
	require.Equal(t, "account_number", item.RequiredField)
	price := int64(item.MinPoints)
	require.Positive(t, price)

	r = s.Public().Do(t, "GET", "/v1/mileage/rules", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), item.ItemID, "A8.3: the item is posted with the point table")

	r = official.Do(t, "POST", "/v1/mileage/accounts/"+subject+"/grants", map[string]any{"points": price + 700,
		"reason": "e2e 봉사 적립", "request_id": prefix + "-grant-1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	before := reqBalance(t, citizen)
	require.Equal(t, price+700, before)

	// The account number is required for this item.
	r = citizen.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": prefix + "-redeem-0",
		"item_id": item.ItemID, "points": price})
	requireField(t, r, "account_number")
	require.Equal(t, before, reqBalance(t, citizen), "a refused redemption spends nothing")

	const account = "3333-4444-5555-6666"
	r = citizen.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": prefix + "-redeem-1",
		"item_id": item.ItemID, "points": price, "account_number": account})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var red struct {
		Redemption reqRedemption `json:"redemption"`
	}
	r.JSON(t, &red)
	require.Equal(t, "confirmed", red.Redemption.Status, "the sandbox partner confirms: %s", r.Body)
	require.Equal(t, item.ItemID, red.Redemption.ItemID)
	require.Equal(t, channel, red.Redemption.Channel)
	require.Equal(t, price, int64(red.Redemption.Points))
	require.Equal(t, "************6666", red.Redemption.MaskedAccount, "the account number is shown masked, its last four digits only")
	require.NotContains(t, string(r.Body), account)

	require.Equal(t, before-price, reqBalance(t, citizen), "the balance drops by the item's price")

	r = citizen.Do(t, "GET", "/v1/mileage/redemptions/"+red.Redemption.RedemptionID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var got reqRedemption
	r.JSON(t, &got)
	require.Equal(t, "confirmed", got.Status)
	require.Equal(t, channel, got.Channel)
	require.Equal(t, red.Redemption.MaskedAccount, got.MaskedAccount)

	// The same idempotency key redeems once.
	r = citizen.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": prefix + "-redeem-1",
		"item_id": item.ItemID, "points": price, "account_number": account})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var retry struct {
		Redemption reqRedemption `json:"redemption"`
	}
	r.JSON(t, &retry)
	require.Equal(t, red.Redemption.RedemptionID, retry.Redemption.RedemptionID)
	require.Equal(t, before-price, reqBalance(t, citizen))

	r = citizen.Do(t, "GET", "/v1/mileage/accounts/me/redemptions", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var list struct {
		Redemptions []reqRedemption `json:"redemptions"`
	}
	r.JSON(t, &list)
	require.Len(t, list.Redemptions, 1)
	require.Equal(t, red.Redemption.RedemptionID, list.Redemptions[0].RedemptionID)
}

// A8.1.2: a citizen with points exchanges them for an online library gift
// certificate through the edge; the sandbox partner confirms and the
// balance drops by the certificate's price.
func TestReqMileageLibraryGiftCertificate(t *testing.T) {
	reqRedeemChannel(t, "library", "A8.1.2", "e2e-req-lib")
}

// A8.1.3: a citizen with points redeems a public-service catalog item (a
// use the Mayor designates) through the edge; the partner confirms and
// the balance drops.
func TestReqMileagePublicServiceItem(t *testing.T) {
	reqRedeemChannel(t, "public_service", "A8.1.3", "e2e-req-pub")
}
