package e2e

import (
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// e2eParticipationEvent is a participation event as the edge answers it.
type e2eParticipationEvent struct {
	ID               string `json:"id"`
	Status           string `json:"status"`
	AnnouncementHash string `json:"announcement_hash"`
	SeedCommitment   string `json:"seed_commitment"`
	EntryListDigest  string `json:"entry_list_digest"`
	EntryCount       int    `json:"entry_count"`
}

// e2eEventChange is what the lifecycle's custom methods (announce, open,
// close, draw) answer.
type e2eEventChange struct {
	ParticipationEvent e2eParticipationEvent `json:"participation_event"`
}

// The suite runs on the wall clock. A participation event must be
// announced before its entry period starts and cannot be closed before it
// ends, so the tests give it a period: it starts entryLead after the draft
// is written (time enough to create, announce and open it) and lasts
// entryWindow (time enough for a handful of citizens to enter on a busy
// machine).
const (
	entryLead   = 5 * time.Second
	entryWindow = 20 * time.Second
)

// eventDraft is a participation event whose entry period starts at starts
// and lasts entryWindow.
func eventDraft(starts time.Time) map[string]any {
	return eventDraftEnding(starts, starts.Add(entryWindow))
}

// eventDraftEnding is a participation event whose entry period runs from
// starts to ends. Its draw mixes in a public lottery's numbers, public from
// the end of the period (A7; enterDrawSources enters them).
func eventDraftEnding(starts, ends time.Time) map[string]any {
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	ko := func(s string) map[string]string { return map[string]string{"ko": s} }
	return map[string]any{
		"purpose": "PURPOSE_POLICY_PROMOTION", "title": ko("e2e 정책 퀴즈"), "description": ko("정책 퀴즈 e2e"),
		"department_code": "SMG-DIGITAL", "entry_start_time": ts(starts), "entry_end_time": ts(ends),
		"eligibility": map[string]any{"real_name_required": true},
		"entry_form": map[string]any{"questions": []map[string]any{{"id": "q1", "text": ko("좋아하는 정책은?"),
			"kind": "QUESTION_KIND_TEXT", "required": true}}},
		"operating_details": map[string]any{"draw_time": ts(ends.Add(time.Second)),
			"delivery_method": ko("마일리지 적립"), "contact": "디지털정책과 02-120"},
		"budget_year": 2035, "budget": 100000,
		"prizes": []map[string]any{
			{"id": "gift", "kind": "PRIZE_KIND_GIFT_CERTIFICATE", "name": ko("상품권"), "unit_value": 10000, "count": 1},
			{"id": "mileage", "kind": "PRIZE_KIND_MILEAGE", "name": ko("마일리지"), "unit_value": 1000, "count": 2},
		},
		"draw_sources": []map[string]any{{"id": "lotto", "kind": "DRAW_SOURCE_KIND_LOTTERY", "name": ko("연금복권720+ e2e 회차"),
			"reference": "https://dhlottery.co.kr/", "round": "e2e", "available_time": ts(ends)}},
	}
}

// enterDrawSources has two officials (admins) enter the draw source's
// value of the closed event at base, as the draw requires (A7): the value
// counts once two of them agree.
func enterDrawSources(t *testing.T, s *Suite, base string) {
	t.Helper()
	for i := range 2 {
		c := s.Client(t, identity.Claims{Subject: fmt.Sprintf("e2e-draw-witness-%d", i), Roles: []identity.Role{identity.RoleAdmin}})
		r := c.Do(t, "POST", base+"/draw-sources/lotto:enter", map[string]any{"value": "3 12 25 31 40 45 / 7"})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	}
}

// TestEventAnnouncedDrawVerifiedThroughEdge (A7.1, A7.2, A7.3): through the
// edge, a participation event cannot open before its announcement; once
// announced its plan is frozen; citizens enter once; after the close the
// draw is recomputed by the independent verify-draw command from the
// edge's public inputs, and winners are published with masked names.
func TestEventAnnouncedDrawVerifiedThroughEdge(t *testing.T) {
	s := suite(t)
	admin := s.Client(t, identity.Claims{Subject: "e2e-event-admin", Roles: []identity.Role{identity.RoleAdmin}})
	official := s.Client(t, identity.Claims{Subject: "e2e-event-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	r := admin.Do(t, "PUT", "/v1/participation-event-budgets/2035", map[string]any{"amount": 1000000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	starts := time.Now().Add(entryLead)
	r = official.Do(t, "POST", "/v1/participation-events", map[string]any{"request_id": "e2e-event-1", "draft": eventDraft(starts)})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var ev e2eParticipationEvent
	r.JSON(t, &ev)
	base := "/v1/participation-events/" + ev.ID

	r = official.Do(t, "POST", base+":open", map[string]any{})
	require.Equal(t, http.StatusBadRequest, r.Status, "opening without announcement (A7.3): %s", r.Body)
	r = official.Do(t, "POST", base+":announce", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var announced e2eEventChange
	r.JSON(t, &announced)
	require.Len(t, announced.ParticipationEvent.AnnouncementHash, 64)
	r = official.Do(t, "PATCH", base, map[string]any{"budget": 1})
	require.Equal(t, http.StatusBadRequest, r.Status, "the announced plan is frozen: %s", r.Body)
	r = official.Do(t, "POST", base+":open", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))

	time.Sleep(time.Until(starts)) // the entry period starts on the real clock: nothing to poll before it
	var entryIDs []string
	for i := range 4 {
		sub := fmt.Sprintf("e2e-event-citizen-%d", i)
		c := s.Client(t, identity.Claims{Subject: sub, Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
		entry := map[string]any{"answers": []map[string]string{{"question_id": "q1", "value": "따릉이"}},
			"contact": map[string]string{"name": "최시민", "phone": "010-5555-000" + fmt.Sprint(i)}}
		r = c.Do(t, "POST", base+"/entries", entry)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		again := c.Do(t, "POST", base+"/entries", entry)
		require.Equal(t, http.StatusOK, again.Status, string(again.Body))
		require.JSONEq(t, string(r.Body), string(again.Body), "one entry per citizen")
		var e struct {
			ID string `json:"id"`
		}
		r.JSON(t, &e)
		require.NotEmpty(t, e.ID)
		entryIDs = append(entryIDs, e.ID)
	}

	closed := closeWhenDue(t, official, base, starts.Add(entryWindow))
	require.Equal(t, 4, closed.EntryCount, "four citizens, one entry each")
	r = official.Do(t, "POST", base+":draw", map[string]any{})
	require.Equal(t, http.StatusBadRequest, r.Status, "the draw waits for the public lottery's numbers (A7): %s", r.Body)
	enterDrawSources(t, s, base)
	r = official.Do(t, "POST", base+":draw", map[string]any{})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r = s.Public().Do(t, "GET", base+"/draw", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var inputs struct {
		EntryIDs []string `json:"entry_ids"`
	}
	r.JSON(t, &inputs)
	require.ElementsMatch(t, entryIDs, inputs.EntryIDs, "the draw's entry list holds exactly the four entries")

	verify := exec.Command("go", "run", "./services/event/cmd/verify-draw", "-url", s.BaseURL, "-event", ev.ID)
	verify.Dir, _ = filepath.Abs("..")
	out, err := verify.CombinedOutput()
	require.NoError(t, err, string(out))
	require.Contains(t, string(out), "VERIFIED")

	r = s.Public().Do(t, "GET", base+"/winners", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var winners struct {
		Winners []struct {
			MaskedName string `json:"masked_name"`
			PrizeID    string `json:"prize_id"`
		} `json:"winners"`
	}
	r.JSON(t, &winners)
	require.Len(t, winners.Winners, 3)
	for _, w := range winners.Winners {
		require.Equal(t, "최*민", w.MaskedName)
	}
}

// closeWhenDue waits for the end of the entry period (the service refuses
// to close earlier) and closes the event; the service's scheduled closer
// may be first, so a refused close is retried until the event reads as
// closed. It returns the closed event.
func closeWhenDue(t *testing.T, official *Client, base string, ends time.Time) e2eParticipationEvent {
	t.Helper()
	// The service refuses to close before the period ends on the real
	// clock, so there is nothing to poll before then.
	time.Sleep(time.Until(ends))
	var ev e2eParticipationEvent
	var refused []byte
	servicetest.EventuallyWithin(t, 60*time.Second, servicetest.Detail(func() string {
		return fmt.Sprintf("the event closed within a minute after its entry period (last refusal: %s)", refused)
	}), func() bool {
		r := official.Do(t, "POST", base+":close", map[string]any{})
		if r.Status == http.StatusOK {
			var closed e2eEventChange
			r.JSON(t, &closed)
			require.Equal(t, "STATUS_CLOSED", closed.ParticipationEvent.Status, string(r.Body))
			ev = closed.ParticipationEvent
			return true
		}
		require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
		refused = r.Body
		got := official.Do(t, "GET", base, nil)
		require.Equal(t, http.StatusOK, got.Status, string(got.Body))
		ev = e2eParticipationEvent{}
		got.JSON(t, &ev)
		return ev.Status == "STATUS_CLOSED"
	})
	return ev
}

// openEvent creates a participation event from draft, announces and opens
// it (A7.3), and returns its path.
func openEvent(t *testing.T, official *Client, requestID string, draft map[string]any) string {
	t.Helper()
	r := official.Do(t, "POST", "/v1/participation-events", map[string]any{"request_id": requestID, "draft": draft})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var ev e2eParticipationEvent
	r.JSON(t, &ev)
	base := "/v1/participation-events/" + ev.ID
	for _, step := range []string{":announce", ":open"} {
		r = official.Do(t, "POST", base+step, map[string]any{})
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", step, r.Body)
	}
	return base
}
