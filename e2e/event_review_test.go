package e2e

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// eventReviewYear is a budget year no other test uses, so what is stored
// for it is this file's doing alone.
const eventReviewYear = 2037

// eventReviewDraft is eventDraft for a budget year of its own, with one
// field changed by mut.
func eventReviewDraft(mut func(d map[string]any)) map[string]any {
	d := eventDraft(time.Now().Add(time.Hour))
	d["budget_year"] = eventReviewYear
	if mut != nil {
		mut(d)
	}
	return d
}

// TestEventOddInputIsBadInputNotInternalError (A7.1, A7.2): through the
// edge, NUL characters, Korean text of spaces, unknown enum values, huge
// numbers, forged page tokens and malformed ids are 400 naming the field
// (or 401/403/404 where that is the answer) — never a 500 — and nothing is
// stored.
func TestEventOddInputIsBadInputNotInternalError(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-event-odd-admin", Roles: []identity.Role{identity.RoleAdmin}})
	official := s.Client(t, identity.Claims{Subject: "e2e-event-odd", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	citizen := s.Client(t, identity.Claims{Subject: "e2e-event-odd-citizen", Roles: []identity.Role{identity.RoleCitizen}})
	budget := fmt.Sprintf("/v1/participation-event-budgets/%d", eventReviewYear)
	r := admin.Do(t, "PUT", budget, map[string]any{"amount": 1000000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	ko := func(s string) map[string]any { return map[string]any{"ko": s} }
	create := func(mut func(d map[string]any)) map[string]any {
		return map[string]any{"draft": eventReviewDraft(mut)}
	}
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	nobody := "/v1/participation-events/00000000-0000-4000-8000-000000000000"
	runEdgeCases(t, []edgeCase{
		{"NUL in title", official, "POST", "/v1/participation-events", create(func(d map[string]any) { d["title"] = ko("퀴즈\u0000") }), 400, "draft.title.ko"},
		{"Korean title of spaces", official, "POST", "/v1/participation-events", create(func(d map[string]any) { d["title"] = ko("   ") }), 400, "draft.title.ko"},
		{"NUL in another language", official, "POST", "/v1/participation-events", create(func(d map[string]any) {
			d["title"] = map[string]any{"ko": "퀴즈", "others": map[string]string{"ja": "\u0000"}}
		}), 400, "draft.title.others.ja"},
		{"NUL in contact", official, "POST", "/v1/participation-events", create(func(d map[string]any) {
			d["operating_details"].(map[string]any)["contact"] = "02\u0000"
		}), 400, "draft.operating_details.contact"},
		{"NUL in request id", official, "POST", "/v1/participation-events",
			map[string]any{"request_id": "r\u0000", "draft": eventReviewDraft(nil)}, 400, "request_id"},
		{"unknown purpose number", official, "POST", "/v1/participation-events", create(func(d map[string]any) { d["purpose"] = 99 }), 400, "draft.purpose"},
		{"unknown purpose name", official, "POST", "/v1/participation-events", create(func(d map[string]any) { d["purpose"] = "PURPOSE_LOTTERY" }), 400, ""},
		{"negative budget", official, "POST", "/v1/participation-events", create(func(d map[string]any) { d["budget"] = -1 }), 400, "draft.budget"},
		{"overflowing prize line", official, "POST", "/v1/participation-events", create(func(d map[string]any) {
			d["prizes"] = []map[string]any{{"id": "p", "kind": "PRIZE_KIND_GOODS", "name": ko("x"),
				"unit_value": "9223372036854775807", "count": 2147483647}}
		}), 400, "draft.prizes[0].unit_value"},
		{"prizes over the budget", official, "POST", "/v1/participation-events", create(func(d map[string]any) { d["budget"] = 1 }), 400, "draft.prizes"},
		{"other department", official, "POST", "/v1/participation-events", create(func(d map[string]any) { d["department_code"] = "SMG-CULTURE" }), 403, ""},
		{"citizen creates", citizen, "POST", "/v1/participation-events", create(nil), 403, ""},
		{"anonymous creates", s.Public(), "POST", "/v1/participation-events", create(nil), 401, ""},
		{"NUL department filter", s.Public(), "GET", "/v1/participation-events?department_code=%00", nil, 400, "department_code"},
		{"unknown status filter", s.Public(), "GET", "/v1/participation-events?status=99", nil, 400, ""},
		{"huge page size served at the cap", s.Public(), "GET", "/v1/participation-events?page_size=2147483647", nil, 200, ""},
		{"negative page size", s.Public(), "GET", "/v1/participation-events?page_size=-1", nil, 400, "page_size"},
		{"forged page token", s.Public(), "GET", "/v1/participation-events?page_token=" + b64(`{"c":"x","i":"\u0000"}`), nil, 400, "page_token"},
		{"malformed event id", s.Public(), "GET", "/v1/participation-events/not-a-uuid", nil, 400, "event_id"},
		{"unknown event", s.Public(), "GET", nobody, nil, 404, ""},
		{"entry into unknown event", citizen, "POST", nobody + "/entries", map[string]any{}, 404, ""},
		{"malformed winner id", official, "POST", nobody + "/winners/w1:deliver", map[string]any{"note": "택배"}, 400, "winner_id"},
		{"NUL delivery note", official, "POST", nobody + "/winners/00000000-0000-4000-8000-000000000001:deliver",
			map[string]any{"note": "\u0000"}, 400, "note"},
		{"programme budget year out of range", admin, "PUT", "/v1/participation-event-budgets/1999", map[string]any{"amount": 1}, 400, "year"},
		{"negative programme budget", admin, "PUT", budget, map[string]any{"amount": -1}, 400, "amount"},
		{"programme budget by an official", official, "PUT", budget, map[string]any{"amount": 5}, 403, ""},
	})
	// Nothing was stored for the year: no event, and the programme budget
	// is still the one the admin set before the refused changes.
	r = admin.Do(t, "GET", budget, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var rep struct {
		Year            int    `json:"year"`
		ProgrammeBudget reqInt `json:"programme_budget"`
		Events          []any  `json:"events"`
	}
	r.JSON(t, &rep)
	require.Equal(t, eventReviewYear, rep.Year)
	require.EqualValues(t, 1000000, rep.ProgrammeBudget, "the refused budget changes changed nothing")
	require.Empty(t, rep.Events, "no refused event was stored")
}

// TestEventWritesAreReadBackThroughEdge (A7.1, A7.3): what create, update
// and announce answer through the edge is what a later GET returns, every
// draft field included.
func TestEventWritesAreReadBackThroughEdge(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-event-rb-admin", Roles: []identity.Role{identity.RoleAdmin}})
	official := s.Client(t, identity.Claims{Subject: "e2e-event-rb", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	r := admin.Do(t, "PUT", "/v1/participation-event-budgets/2034", map[string]any{"amount": 1000000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	d := eventReviewDraft(func(d map[string]any) {
		d["budget_year"] = 2034
		d["title"] = map[string]any{"ko": "정책 퀴즈", "en": "Policy quiz", "others": map[string]string{"ja": "政策クイズ"}}
		d["operating_details"].(map[string]any)["notes"] = map[string]any{"ko": "1인 1회", "en": "Once per person"}
	})
	r = official.Do(t, "POST", "/v1/participation-events", map[string]any{"request_id": "e2e-event-rb", "draft": d})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	id := requireEventReadBack(t, official, r)
	r = official.Do(t, "PATCH", "/v1/participation-events/"+id, map[string]any{"budget": 90000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	requireEventReadBack(t, official, r)
	r = official.Do(t, "POST", "/v1/participation-events/"+id+":announce", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	requireEventReadBack(t, s.Public(), r)
}

// requireEventReadBack compares the participation event a write answered
// with a GET by c and returns its id. Create and update answer the event
// itself, the lifecycle's custom methods {"participation_event": ...}.
func requireEventReadBack(t *testing.T, c *Client, written *Response) string {
	t.Helper()
	var wrapped struct {
		ParticipationEvent json.RawMessage `json:"participation_event"`
	}
	written.JSON(t, &wrapped)
	w := wrapped.ParticipationEvent
	if w == nil {
		w = written.Body
	}
	var id struct {
		ID string `json:"id"`
	}
	require.NoError(t, json.Unmarshal(w, &id))
	require.NotEmpty(t, id.ID, string(written.Body))
	got := c.Do(t, "GET", "/v1/participation-events/"+id.ID, nil)
	require.Equal(t, http.StatusOK, got.Status, string(got.Body))
	require.NotContains(t, string(got.Body), `"participation_event"`, "a Get answers the event itself")
	require.JSONEq(t, string(w), string(got.Body))
	return id.ID
}
