package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gen/openapi/seoulapi"
	"github.com/seoul-gov/homepage/platform/identity"
)

// TestGeneratedTypeScriptClientJourneys drives the main journeys (A3.1.1,
// A3.1.4, A3.1.3/A6.2, A8.1) through the TypeScript client generated from
// the contract: clients/journeys.ts is type-checked against
// gen/openapi/ts/seoul.d.ts by tsc and run by node through the contract
// proxy; what it created is then read back with the Go client.
func TestGeneratedTypeScriptClientJourneys(t *testing.T) {
	t.Parallel()
	s := suite(t)
	proxy := startContractProxy(t, s.BaseURL)
	citizen := s.Client(t, identity.Claims{Subject: "contract-ts-citizen", Roles: []identity.Role{identity.RoleCitizen},
		RealNameVerified: true})

	dir := typeScriptProject(t)
	run(t, dir, nil, filepath.Join(dir, "node_modules/.bin/tsc"), "-p", dir)
	out := run(t, dir, []string{"SEOUL_BASE_URL=" + proxy.URL, "SEOUL_TOKEN=" + citizen.token},
		"node", filepath.Join(dir, "out/journeys.js"))
	var got struct {
		ItemID        string `json:"item_id"`
		PostID        string `json:"post_id"`
		ReceiptNumber string `json:"receipt_number"`
		Balance       int64  `json:"balance"`
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &got), out)
	require.Equal(t, int64(100), got.Balance)
	require.Regexp(t, `^SMG-\d{4}-\d+$`, got.ReceiptNumber)
	proxy.requireMatched(t, 12)

	c, err := seoulapi.NewClientWithResponses(s.BaseURL, seoulapi.WithRequestEditorFn(bearer(citizen.token)))
	require.NoError(t, err)
	post, err := c.BoardServiceGetPostWithResponse(context.Background(), got.PostID, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, post.StatusCode(), string(post.Body))
	require.Equal(t, "버스 정류장 의자", val(post.JSON200.Title))
}

// typeScriptProject lays out a throwaway project: the journeys, the
// generated types, and the pinned npm tools of tools/node (installed into
// .cache/node by scripts/nodetools.sh, which scripts/with-testinfra.sh and
// make lint run; nothing is downloaded here).
func typeScriptProject(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	modules := filepath.Join(root, ".cache/node/node_modules")
	if _, err := os.Stat(filepath.Join(modules, "openapi-fetch")); err != nil {
		t.Fatalf("the pinned npm tools are missing: run scripts/nodetools.sh (make test does): %v", err)
	}
	dir := t.TempDir()
	for dst, src := range map[string]string{
		"journeys.ts":   "e2e/clients/journeys.ts",
		"tsconfig.json": "e2e/clients/tsconfig.json",
		"seoul.d.ts":    "gen/openapi/ts/seoul.d.ts",
	} {
		b, err := os.ReadFile(filepath.Join(root, src))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, dst), b, 0o600))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type": "module"}`), 0o600))
	require.NoError(t, os.Symlink(modules, filepath.Join(dir, "node_modules")))
	return dir
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "%s %s:\n%s\n%s", name, strings.Join(args, " "), stdout.String(), stderr.String())
	return stdout.String()
}
