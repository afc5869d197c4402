package edge_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

type readyBody struct {
	Status   string            `json:"status"`
	Services map[string]string `json:"services"`
}

func getReady(t *testing.T, e *env) (int, readyBody) {
	t.Helper()
	rec := e.do(http.MethodGet, "/readyz", "")
	var body readyBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	return rec.Code, body
}

func TestHealthzReportsTheEdgeAlive(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	rec := e.do(http.MethodGet, "/healthz", "")

	require.Equal(t, http.StatusOK, rec.Code)
	require.JSONEq(t, `{"status":"ok"}`, rec.Body.String())
}

func TestReadyzWhenEveryUpstreamServes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	code, body := getReady(t, e)

	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "ready", body.Status)
	require.Len(t, body.Services, len(upstreamNames))
	for _, name := range upstreamNames {
		require.Equal(t, "SERVING", body.Services[name], name)
	}
}

func TestReadyzNamesTheUpstreamThatIsNotServing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.upstreams["mileage"].health.SetServingStatus("", healthpb.HealthCheckResponse_NOT_SERVING)

	code, body := getReady(t, e)

	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Equal(t, "not_ready", body.Status)
	require.Equal(t, "NOT_SERVING", body.Services["mileage"])
	require.Equal(t, "SERVING", body.Services["content"])
}

func TestReadyzNamesTheUpstreamThatIsDown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.upstreams["privacy"].stop()

	code, body := getReady(t, e)

	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Equal(t, "UNREACHABLE", body.Services["privacy"])
	require.Equal(t, "SERVING", body.Services["board"])
}
