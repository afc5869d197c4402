package e2e

import (
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// `make load` against the running suite: a short run of the mix reaches
// every route, mostly with success, and reports each one's throughput,
// p50/p99 and failures.
func TestLoadDriverReportsEveryRouteOfTheMix(t *testing.T) {
	s := suite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", "./gateway/cmd/load",
		"-url", s.BaseURL, "-rate", "60", "-duration", "4s", "-citizens", "3")
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	t.Logf("%s", out)
	for _, r := range []string{"GET /v1/items/{id}", "GET /v1/items:search", "POST /v1/boards/{id}/posts",
		"POST /v1/complaints", "GET /v1/mileage/accounts/me", "POST /v1/mileage/redemptions", "all"} {
		require.Regexp(t, regexp.QuoteMeta(r)+`\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\S`, string(out), r)
	}
	total := regexp.MustCompile(`(?m)^\s*all\s+(\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(.*?)\s*$`).FindStringSubmatch(string(out))
	require.NotNil(t, total)
	requests, _ := strconv.Atoi(total[1])
	require.Greater(t, requests, 100, "60 req/s for 4 s")
	failed := 0
	for _, m := range regexp.MustCompile(`\d+×(\d+)`).FindAllStringSubmatch(total[2], -1) {
		n, _ := strconv.Atoi(m[1])
		failed += n
	}
	require.LessOrEqual(t, failed*10, requests, "at most one in ten fails: %s", total[2])
}
