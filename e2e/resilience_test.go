package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A8.1 under failure: while citizens post on a board through the edge, the
// mileage service is killed (SIGKILL, no graceful stop), the NATS server is
// killed (SIGKILL) and comes back, and the board service itself is killed
// and restarted. In the
// end every author has exactly the 100 points of the one post they made:
// no award lost, none doubled.
func TestNoPointsLostOrDoubledWhenServicesAndNATSDie(t *testing.T) {
	s := suite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	admin := s.Client(t, identity.Claims{Subject: "e2e-chaos-admin", Roles: []identity.Role{identity.RoleAdmin}})
	boardID := createBoard(t, admin, map[string]any{"name": "e2e 장애 게시판", "purpose": "장애 중 적립 검증",
		"department_code": "SMG-CIVIL", "request_id": "e2e-chaos-board"})

	const authors = 24
	citizens := make([]*Client, authors)
	for i := range citizens {
		citizens[i] = s.Client(t, identity.Claims{Subject: fmt.Sprintf("e2e-chaos-%02d", i),
			Roles: []identity.Role{identity.RoleCitizen}})
	}
	post := func(i int) { postUntilAccepted(t, citizens[i], boardID, i) }

	for i := 0; i < 6; i++ {
		post(i)
	}
	require.NoError(t, s.Launch.KillService("mileage"))
	for i := 6; i < 12; i++ {
		post(i)
	}
	require.NoError(t, s.Launch.KillNATS())
	for i := 12; i < 18; i++ {
		post(i) // accepted: the event waits in board's outbox
	}
	require.NoError(t, s.Launch.KillService("board"))
	require.NoError(t, s.Launch.StartNATS())
	require.NoError(t, s.Launch.RestartService(ctx, "board"))
	require.NoError(t, s.Launch.RestartService(ctx, "mileage"))
	for i := 18; i < authors; i++ {
		post(i)
	}

	for i, c := range citizens {
		waitForPoints(t, c, 100, fmt.Sprintf("author %d", i))
	}
	// A duplicate could still be on its way (an event delivered to the
	// killed mileage service is redelivered only after its AckWait): look
	// once nothing is in flight any more.
	waitQuiescent(t, s)
	for i, c := range citizens {
		who := fmt.Sprintf("author %d", i)
		require.EqualValues(t, 100, balance(t, c), "%s: exactly one award", who)
		requireOneEarned(t, c, "post_created", 100, who)
	}
}

// postUntilAccepted retries with the same request id, as a client would
// after a failure; the create is idempotent, so there is one post at most.
func postUntilAccepted(t *testing.T, c *Client, boardID string, i int) {
	t.Helper()
	body := map[string]any{"title": fmt.Sprintf("장애 중 제안 %d", i),
		"body":       fmt.Sprintf("%d번째 시민의 교통 개선 제안입니다: 정류장 %d 에 쉼터를 설치해 주세요.", i, 100+i),
		"request_id": fmt.Sprintf("e2e-chaos-post-%d", i)}
	var last *Response
	servicetest.EventuallyWithin(t, 60*time.Second, servicetest.Detail(func() string {
		return fmt.Sprintf("post %d accepted (last answer: %d %s)", i, last.Status, last.Body)
	}), func() bool {
		last = c.Do(t, "POST", "/v1/boards/"+boardID+"/posts", body)
		return last.Status == http.StatusOK
	})
}

func balance(t *testing.T, c *Client) int64 {
	t.Helper()
	r := c.Do(t, "GET", "/v1/mileage/accounts/me", nil)
	if r.Status != http.StatusOK {
		return -1
	}
	var acct mileageAccount
	r.JSON(t, &acct)
	return acct.points(t)
}

func waitForPoints(t *testing.T, c *Client, want int64, who string) {
	t.Helper()
	var got int64
	servicetest.EventuallyWithin(t, 90*time.Second, servicetest.Detail(func() string {
		return fmt.Sprintf("%s: balance %d, want %d", who, got, want)
	}), func() bool {
		got = balance(t, c)
		return got >= want
	})
}

// A7.1 and A8.1 under failure: every entrant of an event wins a mileage
// prize; the mileage service is dead when the draw is made, the NATS server
// is killed (SIGKILL) right after it and the event service too. Once all
// three are back, every winner holds exactly the prize's points: the award
// waited in the event service's outbox and in the stream, and redelivery
// did not pay twice.
func TestPrizePointsExactlyOnceWhenEventMileageAndNATSDie(t *testing.T) {
	s := suite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	admin := s.Client(t, identity.Claims{Subject: "e2e-chaos-event-admin", Roles: []identity.Role{identity.RoleAdmin}})
	official := s.Client(t, identity.Claims{Subject: "e2e-chaos-event-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	r := admin.Do(t, "PUT", "/v1/participation-event-budgets/2036", map[string]any{"amount": 1000000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	const entrants, points = 6, 700
	starts := time.Now().Add(entryLead)
	draft := eventDraft(starts)
	draft["budget_year"] = 2036
	draft["prizes"] = []map[string]any{{"id": "mileage", "kind": "PRIZE_KIND_MILEAGE",
		"name": map[string]string{"ko": "마일리지"}, "unit_value": points, "count": entrants}}
	base := openEvent(t, official, fmt.Sprintf("e2e-chaos-event-%d", time.Now().UnixNano()), draft)

	time.Sleep(time.Until(starts)) // the entry period starts on the real clock: nothing to poll before it
	citizens := make([]*Client, entrants)
	for i := range citizens {
		citizens[i] = s.Client(t, identity.Claims{Subject: fmt.Sprintf("e2e-chaos-entrant-%d", i),
			Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
		r = citizens[i].Do(t, "POST", base+"/entries", map[string]any{
			"answers": []map[string]string{{"question_id": "q1", "value": "청계천"}},
			"contact": map[string]string{"name": "한시민", "phone": fmt.Sprintf("010-7777-00%02d", i)}})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	}
	closed := closeWhenDue(t, official, base, starts.Add(entryWindow))
	require.Equal(t, entrants, closed.EntryCount)
	enterDrawSources(t, s, base)

	// Entering earns points of its own (A8.1); they are the baseline.
	before := make([]int64, entrants)
	for i, c := range citizens {
		waitForPoints(t, c, 1, fmt.Sprintf("entrant %d", i))
		before[i] = balance(t, c)
	}

	require.NoError(t, s.Launch.KillService("mileage"))
	r = official.Do(t, "POST", base+":draw", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NoError(t, s.Launch.KillNATS())
	require.NoError(t, s.Launch.KillService("event"))
	require.NoError(t, s.Launch.StartNATS())
	require.NoError(t, s.Launch.RestartService(ctx, "event"))
	require.NoError(t, s.Launch.RestartService(ctx, "mileage"))

	for i, c := range citizens {
		waitForPoints(t, c, before[i]+points, fmt.Sprintf("winner %d", i))
	}
	waitQuiescent(t, s) // no redelivery still on its way
	for i, c := range citizens {
		who := fmt.Sprintf("winner %d", i)
		require.EqualValues(t, before[i]+points, balance(t, c), "%s: exactly one prize award", who)
		requireOneEarned(t, c, "event_prize", points, who)
	}
}

// A6.2 and A10.2 under failure: a complaint filed while the NATS server is
// dead is kept; it is assigned while the privacy service is dead too, and
// the petition service is killed right after. Once everything is back, the
// complaint is there, assigned, and the assigned department holds exactly
// one grant for it and can reveal the complainant's phone.
func TestComplaintAndGrantSurviveKilledPetitionPrivacyAndNATS(t *testing.T) {
	s := suite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	citizen := s.Client(t, identity.Claims{Subject: "e2e-chaos-complainant", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	mayor := s.Client(t, identity.Claims{Subject: "e2e-chaos-civil", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	transport := s.Client(t, identity.Claims{Subject: "e2e-chaos-transport", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-TRANSPORT"})

	require.NoError(t, s.Launch.KillNATS())
	r := citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": fmt.Sprintf("e2e-chaos-complaint-%d", time.Now().UnixNano()),
		"complaint_type": "inquiry_procedure", "title": "횡단보도 신호 고장", "body": "신호등이 계속 빨간불입니다.",
		"contact": map[string]string{"name": "문민원", "phone": "010-1357-8642"}})
	require.Equal(t, http.StatusOK, r.Status, "filed while NATS is down: %s", r.Body)
	var filed filedComplaint
	r.JSON(t, &filed)
	id := filed.Complaint.ID

	require.NoError(t, s.Launch.KillService("privacy"))
	r = mayor.Do(t, "POST", "/v1/complaints/"+id+":assign", map[string]any{"department_code": "SMG-TRANSPORT"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NoError(t, s.Launch.KillService("petition"))
	require.NoError(t, s.Launch.StartNATS())
	require.NoError(t, s.Launch.RestartService(ctx, "petition"))
	require.NoError(t, s.Launch.RestartService(ctx, "privacy"))

	r = eventually200(t, func() *Response { return citizen.Do(t, "GET", "/v1/complaints/"+id, nil) })
	require.Contains(t, string(r.Body), "SMG-TRANSPORT", "the assignment survived")

	// The edge answers 503 "retry later" until it has reconnected to the
	// restarted services; a client retries, and so does this test.
	transportGrants := func() int {
		return countDepartment(t, eventually200(t, func() *Response {
			return transport.Do(t, "GET", "/v1/privacy/grants?case_reference="+url.QueryEscape(id), nil)
		}), "SMG-TRANSPORT")
	}
	servicetest.EventuallyWithin(t, 60*time.Second, "the assignment to reach the privacy service",
		func() bool { return transportGrants() > 0 })
	waitQuiescent(t, s) // no redelivery still on its way
	require.Equal(t, 1, transportGrants(), "exactly one grant for the assigned department")
	r = transport.Do(t, "POST", "/v1/privacy/reveal", map[string]any{"tokens": filed.Complaint.Contact.Tokens,
		"purpose": "complaint_handling", "case_reference": id})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "010-1357-8642")
}

// countDepartment counts the grants of a ListRevealGrants answer held by
// department.
func countDepartment(t *testing.T, r *Response, department string) int {
	t.Helper()
	var out struct {
		Grants []struct {
			DepartmentCode string `json:"department_code"`
		} `json:"reveal_grants"`
	}
	r.JSON(t, &out)
	n := 0
	for _, g := range out.Grants {
		if g.DepartmentCode == department {
			n++
		}
	}
	return n
}

// eventually200 repeats call while the edge answers 503 (an upstream it is
// still reconnecting to) and returns the first other answer, which must be
// 200.
func eventually200(t *testing.T, call func() *Response) *Response {
	t.Helper()
	var r *Response
	servicetest.EventuallyWithin(t, 60*time.Second, servicetest.Detail(func() string {
		return "an answer other than 503 from the edge; last: " + string(r.Body)
	}), func() bool {
		r = call()
		return r.Status != http.StatusServiceUnavailable
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	return r
}
