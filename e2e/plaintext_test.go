package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A10.4, A10.1 across the suite: personal data given to any service through
// the edge is found in plaintext in none of the databases, stream files or
// logs — structured data (a real name for a real-name board, a
// complainant's contact, an entrant's contact, a transit card number for a
// redemption) and personal data of every kind the detector knows planted in
// every free-text field of every service (posts, comments, reports,
// statements and appeals; complaints, Open311 requests, opinions, answers,
// reasons, notes and comments; event answers and delivery notes; feedback
// comments; mileage reasons; privacy officers' reasons). The services keep
// tokens, masked views and masked text; the privacy vault keeps
// ciphertext. No anonymous endpoint shows any of it (only the masks); the
// official handling the published complaint reveals its original through
// the vault, and the citizen's access log shows that read.
func TestNoPlaintextPersonalDataInAnyDatabase(t *testing.T) {
	s := suite(t)
	secrets := map[string]string{}
	for _, v := range []string{"차비밀", "010-7319-4682", "01073194682", "bimil.cha@example.org", "서울특별시 종로구 비밀로 77",
		"9410-2835-7711-0462", "9410283577110462", "엔트리명", "010-6248-1357", "01062481357"} {
		secrets[v] = "structured"
	}
	citizen := s.Client(t, identity.Claims{Subject: "e2e-pii-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	p := &planter{}
	piiRealNamePost(t, s, citizen)
	piiComplaint(t, citizen)
	piiRedemption(t, s, citizen)
	event := piiEventEntry(t, s, citizen, p)
	boardID, postID := plantBoard(t, s, p, citizen)
	complaint, handler, dept := plantPetition(t, s, p, citizen)
	plantContentMileagePrivacy(t, s, p, citizen, "e2e-pii-citizen")
	deliverPrize(t, s, p, event)
	maps.Copy(secrets, p.secrets())

	requireOriginalRevealedAndLogged(t, s, p, complaint, handler, dept, citizen)
	requireNothingPublic(t, s, secrets, []string{"/v1/public-complaints?page_size=500", "/open311/v2/requests.json",
		"/open311/v2/requests/" + complaint.Complaint.ReceiptNumber + ".json", "/v1/opinions?page_size=500",
		"/v1/boards", "/v1/boards/" + boardID + "/posts", "/v1/posts/" + postID, "/v1/posts/" + postID + "/comments",
		"/v1/moderation/log", "/v1/boards/" + boardID + "/moderation-log", "/v1/moderation/transparency-report?" + period(),
		"/v1/participation-events", event, event + "/announcement", event + "/winners", event + "/draw",
		"/v1/items?page_size=100", "/v1/items:search?query=" + url.QueryEscape("꿈나무로"), "/v1/departments",
		"/v1/complaint-figures?" + period(),
		"/v1/mileage/rules", "/v1/privacy/policy"})

	ctx := context.Background()
	for _, svc := range launcher.Services {
		conn, err := pgx.Connect(ctx, s.Launch.DatabaseURL(svc))
		require.NoError(t, err)
		found := scanForPlaintext(t, conn, slices.Collect(maps.Keys(secrets)))
		masked := scanForPlaintext(t, conn, []string{"010-****-7319"})
		conn.Close(ctx)
		require.Empty(t, labelled(found, secrets), "plaintext personal data in the %s database", svc)
		if svc != "mail" { // the positive control: every other service took planted text, and kept it masked
			require.NotEmpty(t, masked, "the scan must see the planted texts in the %s database", svc)
		}
	}
	// Events carry ids, never personal data: the stream files on disk
	// (every message and header of every stream) hold none of it.
	// (The positive control shows the scan reads the events of these flows.)
	natsDir := filepath.Join(s.Launch.StateDir(), "nats")
	require.NotEmpty(t, filesHolding(t, natsDir, []string{"seoul.petition.complaint.received"}), "the scan must read the streams")
	require.Empty(t, labelled(filesHolding(t, natsDir, slices.Collect(maps.Keys(secrets))), secrets), "plaintext personal data in NATS")
	// Nor does any log line of any process (errors included).
	if s.LogPath != "" {
		require.NotEmpty(t, filesHolding(t, s.LogPath, []string{"e2e-pii-citizen"}), "the scan must read these requests' log lines")
		require.Empty(t, labelled(filesHolding(t, s.LogPath, slices.Collect(maps.Keys(secrets))), secrets), "plaintext personal data in the logs")
	}
}

// labelled names, for each "place: secret" found, the field it was planted in.
func labelled(found []string, secrets map[string]string) []string {
	out := make([]string, len(found))
	for i, f := range found {
		secret := f[strings.LastIndex(f, ": ")+2:]
		out[i] = f + " (" + secrets[secret] + ")"
	}
	return out
}

// period is the query of a window around now (start_time, end_time).
func period() string {
	now := time.Now().UTC()
	return url.Values{"start_time": {now.Add(-24 * time.Hour).Format(time.RFC3339)},
		"end_time": {now.Add(24 * time.Hour).Format(time.RFC3339)}}.Encode()
}

// requireNothingPublic reads every anonymous endpoint (A10.1): none shows
// a planted value, and together they show the masks, so the planted texts
// were there to be read.
func requireNothingPublic(t *testing.T, s *Suite, secrets map[string]string, paths []string) {
	t.Helper()
	var all []byte
	for _, path := range paths {
		r := s.Public().Do(t, "GET", path, nil)
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", path, r.Body)
		for secret, field := range secrets {
			require.NotContains(t, string(r.Body), secret, "%s shows the %s planted in %s", path, secret, field)
		}
		all = append(all, r.Body...)
	}
	for _, mask := range plantedMasks {
		require.Contains(t, string(all), mask, "the public endpoints show the planted texts masked")
	}
}

// requireOriginalRevealedAndLogged: the official of the department holding
// the published complaint reveals the original of its body through the
// privacy vault (the complaint's case-bound grant, which arrives by event),
// another department is refused, and the citizen's access log shows the
// read (A10.1, A10.4).
func requireOriginalRevealedAndLogged(t *testing.T, s *Suite, p *planter, c plantedComplaint, handler *Client, dept string, citizen *Client) {
	t.Helper()
	require.True(t, c.Complaint.PersonalDataMasked)
	require.NotContains(t, c.Complaint.Body, "2718283")
	token := ""
	for _, o := range c.Complaint.Originals {
		if o.Field == "body" {
			token = o.Token
		}
	}
	require.NotEmpty(t, token, "the body's original is vaulted")
	reveal := map[string]any{"tokens": []string{token}, "purpose": "complaint_handling", "case_reference": c.Complaint.ID}
	var r *Response
	servicetest.EventuallyWithin(t, 30*time.Second, "the transfer's grant (it arrives by event)", func() bool {
		r = handler.Do(t, "POST", "/v1/privacy/reveal", reveal)
		return r.Status != http.StatusForbidden
	})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), p.original("complaint body"))
	welfare := s.Client(t, identity.Claims{Subject: "e2e-ft-welfare", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-WELFARE"})
	require.Equal(t, http.StatusForbidden, welfare.Do(t, "POST", "/v1/privacy/reveal", reveal).Status)

	r = citizen.Do(t, "GET", "/v1/privacy/access-log?subject_id=e2e-pii-citizen&page_size=500", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var log struct {
		Entries []struct {
			ActorSubject    string   `json:"actor_subject"`
			ActorDepartment string   `json:"actor_department"`
			CaseReference   string   `json:"case_reference"`
			Outcome         string   `json:"outcome"`
			Fields          []string `json:"fields"`
		} `json:"access_log_entries"`
	}
	r.JSON(t, &log)
	require.True(t, slices.ContainsFunc(log.Entries, func(e struct {
		ActorSubject    string   `json:"actor_subject"`
		ActorDepartment string   `json:"actor_department"`
		CaseReference   string   `json:"case_reference"`
		Outcome         string   `json:"outcome"`
		Fields          []string `json:"fields"`
	}) bool {
		return e.ActorSubject == "e2e-ft-transport" && e.ActorDepartment == dept && e.CaseReference == c.Complaint.ID &&
			e.Outcome == "ACCESS_OUTCOME_REVEALED" && slices.Equal(e.Fields, []string{"free_text"})
	}), "the citizen's access log shows the official's read: %s", r.Body)
}

// filesHolding lists "file: secret" for every file under root (a file or a
// directory) whose bytes contain a secret.
func filesHolding(t *testing.T, root string, secrets []string) []string {
	t.Helper()
	var found []string
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		seen++
		for _, secret := range secrets {
			if bytes.Contains(b, []byte(secret)) {
				found = append(found, path+": "+secret)
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.NotZero(t, seen, "the scan must see files under %s", root)
	return found
}

func piiRealNamePost(t *testing.T, s *Suite, c *Client) {
	r := c.Do(t, "POST", "/v1/privacy/subjects/e2e-pii-citizen/data", map[string]any{"purpose": "real_name_board",
		"fields": []map[string]string{{"name": "name", "value": "차비밀"}, {"name": "phone", "value": "010-7319-4682"},
			{"name": "email", "value": "bimil.cha@example.org"}, {"name": "address", "value": "서울특별시 종로구 비밀로 77"}}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	admin := s.Client(t, identity.Claims{Subject: "e2e-pii-admin", Roles: []identity.Role{identity.RoleAdmin}})
	boardID := createBoard(t, admin, map[string]any{"name": "e2e 실명 확인 게시판", "purpose": "e2e",
		"department_code": "SMG-CIVIL", "real_name_required": true, "request_id": "e2e-pii-board"})
	r = c.Do(t, "POST", "/v1/boards/"+boardID+"/posts", map[string]any{"title": "실명 제안",
		"body": "실명 게시판에 올리는 제안입니다.", "request_id": "e2e-pii-post"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "차*밀", "the masked real name is displayed")
}

func piiComplaint(t *testing.T, c *Client) {
	r := c.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": "e2e-pii-complaint", "complaint_type": "grievance",
		"title": "보도 파손", "body": "집 앞 보도블록이 깨져 있습니다.",
		"contact": map[string]string{"name": "차비밀", "phone": "010-7319-4682", "email": "bimil.cha@example.org"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
}

func piiRedemption(t *testing.T, s *Suite, c *Client) {
	official := s.Client(t, identity.Claims{Subject: "e2e-pii-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-CIVIL"})
	r := official.Do(t, "POST", "/v1/mileage/accounts/e2e-pii-citizen/grants", map[string]any{"points": 2000,
		"reason": "e2e 적립", "request_id": "e2e-pii-grant"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	r = c.Do(t, "POST", "/v1/mileage/redemptions", map[string]any{"idempotency_key": "e2e-pii-redeem",
		"item_id": "transit-topup", "points": 1000, "transit_card_number": "9410-2835-7711-0462"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
}

// piiEventEntry enters the citizen in a new participation event, with a
// planted text answer, and returns the event's path.
func piiEventEntry(t *testing.T, s *Suite, c *Client, p *planter) string {
	admin := s.Client(t, identity.Claims{Subject: "e2e-pii-admin", Roles: []identity.Role{identity.RoleAdmin}})
	official := s.Client(t, identity.Claims{Subject: "e2e-pii-event-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	r := admin.Do(t, "PUT", "/v1/participation-event-budgets/2036", map[string]any{"amount": 1000000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	starts := time.Now().Add(entryLead)
	draft := eventDraft(starts)
	draft["budget_year"] = 2036
	base := openEvent(t, official, "e2e-pii-event", draft)
	time.Sleep(time.Until(starts)) // the entry period starts on the real clock: nothing to poll before it
	r = c.Do(t, "POST", base+"/entries", map[string]any{"answers": []map[string]string{{"question_id": "q1",
		"value": p.text("event entry answer")}}, "contact": map[string]string{"name": "엔트리명", "phone": "010-6248-1357"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), `"personal_data_masked":true`)
	return base
}

// deliverPrize waits for the event's entry period to end, closes it,
// draws (the one entrant wins the gift) and records the gift's delivery
// with a planted note.
func deliverPrize(t *testing.T, s *Suite, p *planter, base string) {
	official := s.Client(t, identity.Claims{Subject: "e2e-pii-event-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	// The period ends on the clock; the service's closer may be first.
	servicetest.EventuallyWithin(t, entryLead+entryWindow+30*time.Second, "the entry period to end", func() bool {
		var ev e2eParticipationEvent
		ok(t, official.Do(t, "GET", base, nil), &ev)
		return ev.Status == "STATUS_CLOSED" || official.Do(t, "POST", base+":close", map[string]any{}).Status == http.StatusOK
	})
	enterDrawSources(t, s, base)
	ok(t, official.Do(t, "POST", base+":draw", map[string]any{}), nil)
	var winners struct {
		Winners []struct {
			ID      string `json:"id"`
			PrizeID string `json:"prize_id"`
		} `json:"winners"`
	}
	ok(t, official.Do(t, "GET", base+"/winners", nil), &winners)
	require.Len(t, winners.Winners, 1)
	require.Equal(t, "gift", winners.Winners[0].PrizeID)
	ok(t, official.Do(t, "POST", base+"/winners/"+winners.Winners[0].ID+":deliver", map[string]any{
		"note": p.text("event delivery note")}), nil)
}

// scanForPlaintext searches every text-like and binary column of every
// table for each secret and returns "table.column: secret" for each hit.
func scanForPlaintext(t *testing.T, conn *pgx.Conn, secrets []string) []string {
	ctx := context.Background()
	rows, err := conn.Query(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb', 'ARRAY')`)
	require.NoError(t, err)
	type col struct{ table, column, kind string }
	cols, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (col, error) {
		var c col
		return c, r.Scan(&c.table, &c.column, &c.kind)
	})
	require.NoError(t, err)
	require.NotEmpty(t, cols, "the scan must see the database's tables")
	var found []string
	for _, c := range cols {
		for _, secret := range secrets {
			if columnHolds(t, conn, c.table, c.column, c.kind, secret) {
				found = append(found, fmt.Sprintf("%s.%s: %s", c.table, c.column, secret))
			}
		}
	}
	return found
}

func columnHolds(t *testing.T, conn *pgx.Conn, table, column, kind, secret string) bool {
	ident := pgx.Identifier{table}.Sanitize() + "." + pgx.Identifier{column}.Sanitize()
	cond := "strpos(" + ident + "::text, $1) > 0"
	if kind == "bytea" {
		cond = "position(convert_to($1, 'UTF8') in " + ident + ") > 0"
	}
	var hit bool
	err := conn.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM "+pgx.Identifier{table}.Sanitize()+
		" WHERE "+cond+")", secret).Scan(&hit)
	require.NoError(t, err, "%s %s", ident, strings.ToUpper(kind))
	return hit
}
