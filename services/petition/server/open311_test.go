package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/stretchr/testify/require"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
)

// gateway serves the generated REST routes through a real grpc-gateway
// mux in front of the running service, as the edge does.
func gateway(t *testing.T, f fixture) *httptest.Server {
	t.Helper()
	mux := runtime.NewServeMux()
	require.NoError(t, petitionv1.RegisterPetitionServiceHandlerClient(context.Background(), mux, f.api))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func call(t *testing.T, method, u, token, form string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, u, strings.NewReader(form))
	require.NoError(t, err)
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, body
}

// TestA3_1_3_Open311GeoReportV2: civic apps use the complaint window
// through GeoReport v2 paths ending in .json, with bare JSON arrays and
// GeoReport's snake_case names; POST takes form-encoded fields.
func TestA3_1_3_Open311GeoReportV2(t *testing.T) {
	t.Parallel()
	f := start(t)
	gw := gateway(t, f)
	token := f.env.Token(t, citizen)

	status, body := call(t, "GET", gw.URL+"/open311/v2/services.json", "", "")
	require.Equal(t, 200, status, string(body))
	var services []map[string]any
	require.NoError(t, json.Unmarshal(body, &services), string(body))
	require.Len(t, services, 5)
	require.Equal(t, "inquiry_procedure", services[0]["service_code"])
	require.Equal(t, "realtime", services[0]["type"])

	form := url.Values{"service_code": {"other"}, "description": {"가로등이 꺼져 있습니다.\n세종대로 172 앞"},
		"first_name": {"길동"}, "last_name": {"홍"}, "phone": {"010-2222-3333"}, "lat": {"37.5716"}, "long": {"126.9769"},
		"address_string": {"세종대로 172"}}
	status, body = call(t, "POST", gw.URL+"/open311/v2/requests.json", "", form.Encode())
	require.Equal(t, 401, status, "a complainant must be identified: %s", body)
	status, body = call(t, "POST", gw.URL+"/open311/v2/requests.json", token, form.Encode())
	require.Equal(t, 200, status, string(body))
	var receipts []map[string]any
	require.NoError(t, json.Unmarshal(body, &receipts), string(body))
	require.Len(t, receipts, 1)
	id, _ := receipts[0]["service_request_id"].(string)
	require.Regexp(t, `^SMG-\d{4}-\d{6}$`, id)

	stored, err := f.api.GetComplaint(f.as(t, citizen), &petitionv1.GetComplaintRequest{ComplaintId: f.idOf(t, id)})
	require.NoError(t, err)
	require.Equal(t, "가로등이 꺼져 있습니다.", stored.GetComplaint().GetTitle())
	require.Equal(t, "홍*동", stored.GetComplaint().GetContact().GetName())

	// By id, with the .json suffix: the owner sees it, the public does not
	// (no publication consent through GeoReport).
	status, body = call(t, "GET", gw.URL+"/open311/v2/requests/"+id+".json", token, "")
	require.Equal(t, 200, status, string(body))
	var one []map[string]any
	require.NoError(t, json.Unmarshal(body, &one), string(body))
	require.Len(t, one, 1)
	require.Equal(t, "open", one[0]["status"])
	require.Equal(t, "other", one[0]["service_code"])
	require.NotEmpty(t, one[0]["expected_datetime"])
	require.NotContains(t, string(body), "2222")
	status, _ = call(t, "GET", gw.URL+"/open311/v2/requests/"+id+".json", "", "")
	require.Equal(t, 404, status)

	status, body = call(t, "GET", gw.URL+"/open311/v2/requests.json?status=open", token, "")
	require.Equal(t, 200, status, string(body))
	var list []map[string]any
	require.NoError(t, json.Unmarshal(body, &list), string(body))
	require.Len(t, list, 1)
	status, body = call(t, "GET", gw.URL+"/open311/v2/requests.json", "", "")
	require.Equal(t, 200, status, string(body))
	require.JSONEq(t, "[]", string(body))

	// Bad input names GeoReport's own field names.
	status, body = call(t, "POST", gw.URL+"/open311/v2/requests.json", token, url.Values{"service_code": {"x"}}.Encode())
	require.Equal(t, 400, status, string(body))
	require.Contains(t, string(body), "service_code")
	require.Contains(t, string(body), "first_name")
	require.Contains(t, string(body), "description")
	status, body = call(t, "GET", gw.URL+"/open311/v2/requests.json?status=pending", "", "")
	require.Equal(t, 400, status, string(body))
}

func (f fixture) idOf(t *testing.T, receipt string) string {
	t.Helper()
	var id string
	require.NoError(t, f.env.Pool.QueryRow(context.Background(),
		`SELECT id::text FROM complaints WHERE receipt_number = $1`, receipt).Scan(&id))
	return id
}
