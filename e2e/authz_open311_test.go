package e2e

import (
	"net/http"
	"net/url"
	"strings"
)

// The Open311 RPCs have no google.api.http route: the edge serves
// GeoReport's resources over them (gateway/internal/open311). The matrix
// reaches them through those resources.
var geoRoutes = map[string]func(fields map[string]any) (verb, path string){
	"Open311ListServices": func(map[string]any) (string, string) { return "GET", "/open311/v2/services.json" },
	"Open311ListRequests": func(f map[string]any) (string, string) {
		return "GET", "/open311/v2/requests.json?" + query(f)
	},
	"Open311GetRequest": func(f map[string]any) (string, string) {
		return "GET", "/open311/v2/requests/" + url.PathEscape(f["service_request_id"].(string)) + ".json"
	},
	// GeoReport clients post forms; the edge also reads the fields from
	// the query, which keeps the matrix's request shape.
	"Open311SubmitRequest": func(f map[string]any) (string, string) {
		return "POST", "/open311/v2/requests.json?" + query(f)
	},
}

// geoOutcome reads a GeoReport answer as a matrix cell: the
// specification answers a POST without credentials with 403 naming
// api_key, which is the matrix's 401 (sign in, or send a key).
func geoOutcome(rpc string, status int, body []byte) byte {
	if rpc == "Open311SubmitRequest" && status == http.StatusForbidden && strings.Contains(string(body), "api_key") {
		return 'U'
	}
	return outcome(status)
}
