package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/deploy/local/launcher"
	"github.com/seoul-gov/homepage/platform/identity"
)

// A10.4, A10.1 across the suite: personal data given to any service through
// the edge (a real name for a real-name board, a complainant's contact, an
// entrant's contact, a transit card number for a redemption) is found in
// plaintext in none of the six databases — not in the services that use
// it (they keep tokens and masked views) and not in the privacy vault
// (ciphertext only).
func TestNoPlaintextPersonalDataInAnyDatabase(t *testing.T) {
	s := suite(t)
	secrets := []string{"차비밀", "010-7319-4682", "01073194682", "bimil.cha@example.org",
		"서울특별시 종로구 비밀로 77", "9410-2835-7711-0462", "9410283577110462", "엔트리명", "010-6248-1357", "01062481357"}
	citizen := s.Client(t, identity.Claims{Subject: "e2e-pii-citizen", Roles: []identity.Role{identity.RoleCitizen}, RealNameVerified: true})
	piiRealNamePost(t, s, citizen)
	piiComplaint(t, citizen)
	piiRedemption(t, s, citizen)
	piiEventEntry(t, s, citizen)

	ctx := context.Background()
	for _, svc := range launcher.Services {
		conn, err := pgx.Connect(ctx, s.Launch.DatabaseURL(svc))
		require.NoError(t, err)
		found := scanForPlaintext(t, conn, secrets)
		conn.Close(ctx)
		require.Empty(t, found, "plaintext personal data in the %s database", svc)
	}
	// Events carry ids, never personal data: the stream files on disk
	// (every message and header of every stream) hold none of it.
	// (The positive control shows the scan reads the events of these flows.)
	natsDir := filepath.Join(s.Launch.StateDir(), "nats")
	require.NotEmpty(t, filesHolding(t, natsDir, []string{"seoul.petition.complaint.received"}), "the scan must read the streams")
	require.Empty(t, filesHolding(t, natsDir, secrets), "plaintext personal data in NATS")
	// Nor does any log line of any process (errors included).
	if s.LogPath != "" {
		require.NotEmpty(t, filesHolding(t, s.LogPath, []string{"e2e-pii-citizen"}), "the scan must read these requests' log lines")
		require.Empty(t, filesHolding(t, s.LogPath, secrets), "plaintext personal data in the logs")
	}
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

func piiEventEntry(t *testing.T, s *Suite, c *Client) {
	admin := s.Client(t, identity.Claims{Subject: "e2e-pii-admin", Roles: []identity.Role{identity.RoleAdmin}})
	official := s.Client(t, identity.Claims{Subject: "e2e-pii-event-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	r := admin.Do(t, "PUT", "/v1/participation-event-budgets/2036", map[string]any{"amount": 1000000})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	starts := time.Now().Add(entryLead)
	draft := eventDraft(starts)
	draft["budget_year"] = 2036
	base := openEvent(t, official, "e2e-pii-event", draft)
	time.Sleep(time.Until(starts))
	r = c.Do(t, "POST", base+"/entries", map[string]any{"answers": []map[string]string{{"question_id": "q1", "value": "따릉이"}},
		"contact": map[string]string{"name": "엔트리명", "phone": "010-6248-1357"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
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
