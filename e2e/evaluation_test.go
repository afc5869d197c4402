package e2e

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// evaluationScore is a department's row of GET /v1/scorecards.
type evaluationScore struct {
	DepartmentCode string  `json:"department_code"`
	Items          int     `json:"items"`
	Score          float64 `json:"score"`
	Rank           int     `json:"rank"`
	Complaints     struct {
		Answered         int     `json:"answered"`
		MeanDaysToAnswer float64 `json:"mean_days_to_answer"`
		AnsweredLate     int     `json:"answered_late"`
		OpenOverdue      int     `json:"open_overdue"`
		Extensions       int     `json:"extensions"`
	} `json:"complaints"`
}

// TestReqScorecardCountsComplaintsA4_3 (A4.3, A6.2): complaints filed by a
// citizen, assigned by the Mayor's office, extended and answered by a
// department through the edge move that department's scorecard: the
// content service learns of them from the petition service's events, not
// from its database.
func TestReqScorecardCountsComplaintsA4_3(t *testing.T) {
	s := suite(t)
	const dept = "SMG-E2E-EVAL"
	admin := s.Client(t, identity.Claims{Subject: "e2e-eval-admin", Roles: []identity.Role{identity.RoleAdmin}})
	r := admin.Do(t, "PUT", "/v1/departments/"+dept, map[string]any{"name_ko": "평가확인과", "phone": "02-2133-0000"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	official := reqOfficial(t, s, "e2e-eval-official", dept)
	mayor := reqOfficial(t, s, "e2e-eval-mayor", "SMG-CIVIL")
	citizen := s.Client(t, identity.Claims{Subject: "e2e-eval-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})

	// A period running from an hour ago to tomorrow: evaluated as of now.
	now := time.Now().UTC()
	path := "/v1/scorecards?start_time=" + url.QueryEscape(now.Add(-time.Hour).Format(time.RFC3339)) +
		"&end_time=" + url.QueryEscape(now.Add(24*time.Hour).Format(time.RFC3339))
	before := evaluationOf(t, official, path, dept)
	require.Zero(t, before.Complaints.Answered)
	require.Zero(t, before.Rank, "nothing to evaluate yet")

	for i, title := range []string{"보도블록 파손", "공원 가로등 고장"} {
		r := citizen.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-eval-" + string(rune('a'+i)),
			"complaint_type": "inquiry_procedure", "title": title, "body": title + " 신고합니다.",
			"contact": map[string]string{"name": "평시민", "phone": "010-2468-1357"}})
		id := idOf(t, r, "complaint")
		ok(t, mayor.Do(t, "POST", "/v1/complaints/"+id+":assign", map[string]any{"department_code": dept}), nil)
		if i == 0 {
			ok(t, official.Do(t, "POST", "/v1/complaints/"+id+":extend", map[string]any{"period": "1d",
				"reason": "현장 확인이 필요합니다."}), nil)
		}
		ok(t, official.Do(t, "POST", "/v1/complaints/"+id+":answer", map[string]any{"body": "보수하겠습니다."}), nil)
	}

	var after evaluationScore
	servicetest.EventuallyWithin(t, time.Minute, "the scorecard counts the answered complaints", func() bool {
		after = evaluationOf(t, official, path, dept)
		return after.Complaints.Answered == 2
	})
	require.Equal(t, 1, after.Complaints.Extensions)
	require.Zero(t, after.Complaints.AnsweredLate)
	require.Zero(t, after.Complaints.OpenOverdue)
	require.Less(t, after.Complaints.MeanDaysToAnswer, 1.0, "answered within minutes of receipt")
	require.Zero(t, after.Items)
	require.NotZero(t, after.Rank, "ranked on its complaints without published items")
	require.Positive(t, after.Score)
}

// evaluationOf reads department's row of the scorecard at path.
func evaluationOf(t *testing.T, c *Client, path, department string) evaluationScore {
	t.Helper()
	r := c.Do(t, "GET", path, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var sc struct {
		Provisional bool              `json:"provisional"`
		Departments []evaluationScore `json:"departments"`
	}
	r.JSON(t, &sc)
	require.True(t, sc.Provisional, "the period is still running")
	for _, d := range sc.Departments {
		if d.DepartmentCode == department {
			return d
		}
	}
	t.Fatalf("%s is not in the scorecard: %s", department, r.Body)
	return evaluationScore{}
}
