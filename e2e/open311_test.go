package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/identity"
)

// geoFormats are GeoReport's two formats and their content types.
var geoFormats = map[string]string{"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

// geoGet fetches a GeoReport resource in format and checks its content type.
func geoGet(t *testing.T, c *Client, path, format string) *Response {
	t.Helper()
	r := c.Do(t, "GET", path, nil)
	require.Equal(t, geoFormats[format], r.Header.Get("Content-Type"), "%s: %s", path, r.Body)
	return r
}

// geoPost posts a form, as GeoReport clients do.
func geoPost(t *testing.T, c *Client, format string, form url.Values) *Response {
	t.Helper()
	r := c.DoWith(t, "POST", "/open311/v2/requests."+format, form.Encode(),
		"Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	require.Equal(t, geoFormats[format], r.Header.Get("Content-Type"), string(r.Body))
	return r
}

// requireGeoError checks an error answer: the status, the specification's
// error list in the request's format, and a description mentioning what.
func requireGeoError(t *testing.T, r *Response, format string, status int, what string) {
	t.Helper()
	require.Equal(t, status, r.Status, string(r.Body))
	list, problems := geoList(r.Body, format == "xml", "errors", "error", geoError)
	require.Empty(t, problems, string(r.Body))
	require.NotEmpty(t, list, string(r.Body))
	require.Contains(t, string(r.Body), what)
}

// TestA3_1_3_Open311Conformance drives every GeoReport v2 resource in
// both formats through the edge — service discovery, the service list and
// definitions, POST, GET one and GET many, jurisdiction_id, errors — and
// checks each answer against the specification's field lists and types.
func TestA3_1_3_Open311Conformance(t *testing.T) {
	s := suite(t)
	citizen := s.Client(t, identity.Claims{Subject: "e2e-open311-conformance", Roles: []identity.Role{identity.RoleCitizen}})
	for format := range geoFormats {
		t.Run(format, func(t *testing.T) {
			checkDiscovery(t, s.Public(), format)
			code := checkServices(t, s.Public(), format)
			id := checkSubmission(t, citizen, format, code)
			checkRequests(t, citizen, format, id)
			checkAPIKey(t, s.Public(), format, code)
			checkGeoErrors(t, s.Public(), citizen, format)
		})
	}
}

func checkDiscovery(t *testing.T, c *Client, format string) {
	r := geoGet(t, c, "/open311/v2/discovery."+format, format)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var endpoints []map[string]any
	if format == "json" {
		var doc map[string]any
		require.NoError(t, json.Unmarshal(r.Body, &doc))
		require.Empty(t, checkJSONObject(doc, geoDiscovery, "endpoints"))
		for _, e := range doc["endpoints"].([]any) {
			endpoints = append(endpoints, e.(map[string]any))
		}
	} else {
		n, err := parseXML(r.Body)
		require.NoError(t, err)
		require.Equal(t, "discovery", n.name)
		require.Empty(t, checkXMLElement(n, geoDiscovery, "endpoints"))
		for _, c := range n.children {
			if c.name == "endpoints" {
				for _, e := range c.children {
					require.Equal(t, "endpoint", e.name)
					require.Empty(t, checkXMLElement(e, geoEndpoint, "formats"))
					endpoints = append(endpoints, map[string]any{"specification": texts(e, "specification")[0],
						"url": texts(e, "url")[0], "formats": texts(e.child("formats"), "format")})
				}
			}
		}
	}
	require.Len(t, endpoints, 1)
	e := endpoints[0]
	require.Equal(t, "http://wiki.open311.org/GeoReport_v2", e["specification"])
	require.True(t, strings.HasSuffix(e["url"].(string), "/open311/v2"), e["url"])
	require.Contains(t, e["formats"], "text/xml")
	require.Contains(t, e["formats"], "application/json")
}

func (n *xmlNode) child(name string) *xmlNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return &xmlNode{}
}

func texts(n *xmlNode, name string) []any {
	var out []any
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c.text)
		}
	}
	return out
}

// checkServices checks the list and each service's definition and returns
// a service code.
func checkServices(t *testing.T, c *Client, format string) string {
	r := geoGet(t, c, "/open311/v2/services."+format+"?jurisdiction_id=seoul.go.kr", format)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	list, problems := geoList(r.Body, format == "xml", "services", "service", geoService)
	require.Empty(t, problems, string(r.Body))
	require.NotEmpty(t, list)
	for _, svc := range list {
		code := svc["service_code"].(string)
		d := geoGet(t, c, "/open311/v2/services/"+code+"."+format, format)
		require.Equal(t, http.StatusOK, d.Status, string(d.Body))
		if format == "json" {
			var def map[string]any
			require.NoError(t, json.Unmarshal(d.Body, &def))
			require.Equal(t, code, def["service_code"])
			require.Equal(t, []any{}, def["attributes"], "metadata is false: no attributes")
		} else {
			n, err := parseXML(d.Body)
			require.NoError(t, err)
			require.Equal(t, "service_definition", n.name)
			require.Equal(t, code, n.child("service_code").text)
		}
	}
	return list[0]["service_code"].(string)
}

// checkSubmission posts a request as the specification's example does and
// returns its id.
func checkSubmission(t *testing.T, citizen *Client, format, code string) string {
	r := geoPost(t, citizen, format, url.Values{"jurisdiction_id": {"seoul.go.kr"}, "service_code": {code},
		"lat": {"37.5663"}, "long": {"126.9779"}, "address_string": {"세종대로 110"}, "email": {"geo.citizen@example.kr"},
		"first_name": {"지오"}, "last_name": {"김"}, "description": {"시청 앞 보도블록이 파손되었습니다."}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	list, problems := geoList(r.Body, format == "xml", "service_requests", "request", geoReceipt)
	require.Empty(t, problems, string(r.Body))
	require.Len(t, list, 1)
	require.NotContains(t, string(r.Body), "geo.citizen@example.kr")
	return list[0]["service_request_id"].(string)
}

func checkRequests(t *testing.T, citizen *Client, format, id string) {
	for _, path := range []string{"/open311/v2/requests/" + id + "." + format,
		"/open311/v2/requests." + format + "?service_request_id=" + id} {
		r := geoGet(t, citizen, path, format)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		list, problems := geoList(r.Body, format == "xml", "service_requests", "request", geoRequest)
		require.Empty(t, problems, string(r.Body))
		require.Len(t, list, 1, path)
		require.Equal(t, id, list[0]["service_request_id"])
		require.Equal(t, "open", list[0]["status"])
		require.NotContains(t, string(r.Body), "geo.citizen@example.kr", "no contact in GeoReport answers")
	}
	r := geoGet(t, citizen, "/open311/v2/requests."+format+"?status=open&start_date=2020-01-01T00:00:00%2B09:00", format)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	_, problems := geoList(r.Body, format == "xml", "service_requests", "request", geoRequest)
	require.Empty(t, problems, string(r.Body))
}

// localAPIKey is the key deploy/local/launcher/clients.json registers (by
// its digest) for civil-system, the Mayor's office complaint system.
const localAPIKey = "seoul-local-civil-system-open311"

// checkAPIKey: a system with a registered key files a request without a
// bearer token, for a person of its own (account_id); a key nobody was
// issued is GeoReport's 403.
func checkAPIKey(t *testing.T, public *Client, format, code string) {
	form := url.Values{"api_key": {localAPIKey}, "service_code": {code}, "address_string": {"세종대로 110"},
		"first_name": {"전화"}, "last_name": {"민원인"}, "phone": {"010-7777-8888"}, "account_id": {"call-" + format},
		"description": {"120 다산콜센터로 접수된 민원입니다."}}
	r := geoPost(t, public, format, form)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	list, problems := geoList(r.Body, format == "xml", "service_requests", "request", geoReceipt)
	require.Empty(t, problems, string(r.Body))
	require.Equal(t, "call-"+format, list[0]["account_id"])
	require.NotContains(t, string(r.Body), "7777-8888")
	form.Set("api_key", "a-key-nobody-was-issued")
	requireGeoError(t, geoPost(t, public, format, form), format, http.StatusForbidden, "api_key")
}

// checkGeoErrors: every refusal is the specification's error list, with
// its HTTP status; refused submissions store nothing.
func checkGeoErrors(t *testing.T, public, citizen *Client, format string) {
	before := len(complaintsOf(t, citizen))
	requireGeoError(t, geoGet(t, public, "/open311/v2/services."+format+"?jurisdiction_id=busan.go.kr", format),
		format, http.StatusNotFound, "jurisdiction_id")
	requireGeoError(t, geoGet(t, public, "/open311/v2/services/no-such-service."+format, format),
		format, http.StatusNotFound, "service_code")
	requireGeoError(t, geoGet(t, public, "/open311/v2/requests/SMG-1999-000001."+format, format),
		format, http.StatusNotFound, "")
	requireGeoError(t, geoGet(t, public, "/open311/v2/requests/a%00b."+format, format),
		format, http.StatusBadRequest, "service_request_id")
	requireGeoError(t, geoGet(t, public, "/open311/v2/requests."+format+"?service_request_id=a%00b", format),
		format, http.StatusBadRequest, "service_request_id")
	requireGeoError(t, geoGet(t, public, "/open311/v2/requests."+format+"?status=pending", format),
		format, http.StatusBadRequest, "status")
	requireGeoError(t, geoGet(t, public, "/open311/v2/requests."+format+"?start_date=yesterday", format),
		format, http.StatusBadRequest, "start_date")
	form := url.Values{"service_code": {"other"}, "description": {"가로등"}, "first_name": {"지오"}, "email": {"g@example.kr"},
		"address_string": {"세종대로 110"}}
	requireGeoError(t, geoPost(t, public, format, form), format, http.StatusForbidden, "api_key")
	form.Set("media_url", "https://example.org/photo.jpg")
	requireGeoError(t, geoPost(t, citizen, format, form), format, http.StatusBadRequest, "media_url")
	requireGeoError(t, geoPost(t, citizen, format, url.Values{"service_code": {"x"}, "description": {"a\x00b"}}),
		format, http.StatusBadRequest, "description")
	require.Len(t, complaintsOf(t, citizen), before, "refused submissions store nothing")
}

func complaintsOf(t *testing.T, c *Client) []any {
	t.Helper()
	r := c.Do(t, "GET", "/v1/complaints?page_size=100", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var body struct {
		Complaints []any `json:"complaints"`
	}
	r.JSON(t, &body)
	return body.Complaints
}
