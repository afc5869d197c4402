package edge_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
)

// geoPetition answers the Open311 RPCs with one service and one request,
// and refuses a submission the way the petition service does.
type geoPetition struct{ slowPetition }

func (geoPetition) Open311ListServices(context.Context, *petitionv1.Open311ListServicesRequest) (*petitionv1.Open311ListServicesResponse, error) {
	return &petitionv1.Open311ListServicesResponse{Services: []*petitionv1.Open311Service{{ServiceCode: "other",
		ServiceName: "기타", Description: "Other", Type: "realtime", Keywords: "other", Group: "민원"}}}, nil
}

func (geoPetition) Open311GetRequest(_ context.Context, r *petitionv1.Open311GetRequestRequest) (*petitionv1.Open311GetRequestResponse, error) {
	if r.GetServiceRequestId() != "SMG-2026-000001" {
		return nil, status.Error(codes.NotFound, "service request not found")
	}
	at := timestamppb.New(time.Date(2026, 3, 9, 1, 0, 0, 0, time.UTC))
	return &petitionv1.Open311GetRequestResponse{Requests: []*petitionv1.Open311Request{{ServiceRequestId: "SMG-2026-000001",
		Status: "open", ServiceName: "기타", ServiceCode: "other", Description: "가로등 고장", RequestTime: at,
		UpdateTime: at, Lat: 37.5665, Long: 126.978}}}, nil
}

func (geoPetition) Open311SubmitRequest(ctx context.Context, r *petitionv1.Open311SubmitRequestRequest) (*petitionv1.Open311SubmitRequestResponse, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	if len(md.Get("authorization")) == 0 && len(md.Get("x-api-key")) == 0 {
		return nil, status.Error(codes.Unauthenticated, "sign in")
	}
	st, _ := status.New(codes.InvalidArgument, "invalid argument").WithDetails(&errdetails.BadRequest{
		FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "description", Description: "required"},
			{Field: "first_name", Description: "required"}}})
	if r.GetDescription() == "" {
		return nil, st.Err()
	}
	return &petitionv1.Open311SubmitRequestResponse{Requests: []*petitionv1.Open311SubmitReceipt{{ServiceRequestId: "SMG-2026-000002"}}}, nil
}

// A3.1.3: GeoReport's resources answer in the format their suffix names,
// UTF-8, the XML with its declaration; times carry Seoul's offset; unknown
// values are null in JSON.
func TestA3_1_3_Open311FormatsBySuffix(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := e.do(http.MethodGet, "/open311/v2/services.xml", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "text/xml; charset=utf-8", rec.Header().Get("Content-Type"))
	require.True(t, strings.HasPrefix(rec.Body.String(), `<?xml version="1.0" encoding="UTF-8"?>`), rec.Body.String())
	var services struct {
		Services []struct {
			Code     string `xml:"service_code"`
			Metadata string `xml:"metadata"`
		} `xml:"service"`
	}
	require.NoError(t, xml.Unmarshal(rec.Body.Bytes(), &services))
	require.Equal(t, "other", services.Services[0].Code)
	require.Equal(t, "false", services.Services[0].Metadata)

	rec = e.do(http.MethodGet, "/open311/v2/requests/SMG-2026-000001.json", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	var list []map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &list))
	require.Equal(t, "2026-03-09T10:00:00+09:00", list[0]["requested_datetime"])
	require.Nil(t, list[0]["media_url"])
	require.Contains(t, list[0], "media_url")
	require.Equal(t, 37.5665, list[0]["lat"])

	rec = e.do(http.MethodGet, "/open311/v2/services/other.json", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"service_code": "other", "attributes": []}`, rec.Body.String())
}

// A3.1.3: every failure under /open311/v2/ is the specification's error
// list in the requested format, whatever produced it: the service, the
// edge's jurisdiction check, routing, or a missing API key.
func TestA3_1_3_Open311ErrorsInTheSpecificationsFormat(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for name, tc := range map[string]struct {
		method, path, body string
		status             int
		contains           string
	}{
		"other jurisdiction":   {"GET", "/open311/v2/services.json?jurisdiction_id=busan.go.kr", "", 404, "jurisdiction_id"},
		"unknown service":      {"GET", "/open311/v2/services/nope.json", "", 404, "service_code"},
		"unknown format":       {"GET", "/open311/v2/requests/SMG-2026-000001.csv", "", 404, "with .json or .xml"},
		"unknown request":      {"GET", "/open311/v2/requests/SMG-1999-000001.json", "", 404, "not found"},
		"no api key":           {"POST", "/open311/v2/requests.json", "service_code=other", 403, "api_key"},
		"bad coordinate":       {"POST", "/open311/v2/requests.json", "lat=north&api_key=k", 400, "lat: "},
		"bad fields":           {"POST", "/open311/v2/requests.json", "service_code=other&api_key=k", 400, "first_name: "},
		"unknown resource":     {"GET", "/open311/v2/tokens/1.json", "", 404, ""},
		"wrong method":         {"DELETE", "/open311/v2/requests.json", "", 405, ""},
		"invalid bearer token": {"GET", "/open311/v2/services.json", "", 401, ""},
	} {
		headers := []string{"Accept-Language", "en"}
		if name == "invalid bearer token" {
			headers = append(headers, "Authorization", "Bearer nope")
		}
		rec := e.form(tc.method, tc.path, tc.body, headers...)
		require.Equal(t, tc.status, rec.Code, "%s: %s", name, rec.Body.String())
		var list []struct {
			Code        int    `json:"code"`
			Description string `json:"description"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &list), "%s: %s", name, rec.Body.String())
		require.NotEmpty(t, list, name)
		require.Equal(t, tc.status, list[0].Code, name)
		require.Contains(t, rec.Body.String(), tc.contains, name)
	}
	rec := e.form("POST", "/open311/v2/requests.xml", url.Values{"service_code": {"other"}, "api_key": {"k"}}.Encode())
	require.Equal(t, http.StatusBadRequest, rec.Code)
	var errs struct {
		Errors []struct {
			Code        int    `xml:"code"`
			Description string `xml:"description"`
		} `xml:"error"`
	}
	require.NoError(t, xml.Unmarshal(rec.Body.Bytes(), &errs), rec.Body.String())
	require.Len(t, errs.Errors, 2, "one error per bad field")

	// Korean by default, like every error of the suite.
	rec = e.form("GET", "/open311/v2/services.json?jurisdiction_id=busan.go.kr", "")
	require.Contains(t, rec.Body.String(), "찾을 수 없습니다")
}

// form sends a GeoReport request: its body, if any, form-encoded.
func (e *env) form(method, path, body string, headers ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return rec
}
