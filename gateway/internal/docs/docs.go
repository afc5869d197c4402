// Package docs serves the API's documentation from the edge itself: the
// merged OpenAPI v2 document generated from the protos, and a readable
// reference page that renders it in the browser. Everything the page needs
// is embedded in the binary — no CDN, no external fonts or scripts — so the
// reference works on an air-gapped network and cannot be tampered with by a
// third party; its Content-Security-Policy forbids any other source.
package docs

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/seoul-gov/homepage/gen/openapi"
)

//go:embed page.html
var pageHTML []byte

// devIssuerMarker in page.html is replaced by whether this edge serves
// POST /dev/token, so the page tells readers if they can get a token here.
var devIssuerMarker = []byte("{{DEV_ISSUER}}")

// OpenAPI serves the merged OpenAPI document with an ETag, so clients and
// the reference page revalidate instead of downloading it again.
func OpenAPI() http.Handler {
	doc := withInfo(openapi.Document)
	sum := sha256.Sum256(doc)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(doc))
	})
}

// info describes the whole suite. The merged document's own info block is
// the first proto file's name ("version not set"), because the generator
// takes it from a single file; the edge, which serves the suite, names it.
var info = map[string]any{
	"title":   "City of Seoul Homepage API",
	"version": "v1",
	"description": "The services the Seoul homepage ordinance requires: information with responsible " +
		"departments (content), participation boards and their public moderation (board), Ask the Mayor " +
		"and civil complaints (petition), participation events (event), mileage (mileage) and the " +
		"personal data vault (privacy). Errors: {code, status, reason, message, request_id, field_violations}, " +
		"the message in Korean unless Accept-Language asks for English. A PATCH changes only the fields present " +
		"in its body; If-Match makes a change conditional on the resource's etag (412 when stale), " +
		"If-None-Match answers a GET with 304 while it is unchanged.",
}

// errorSchema is the edge's one error shape (gateway/internal/apierror),
// which replaces the generator's google.rpc.Status as every operation's
// default response: clients never see the latter.
var errorSchema = map[string]any{
	"type": "object",
	"properties": map[string]any{
		"code":       map[string]any{"type": "integer", "format": "int32", "description": "gRPC status code"},
		"status":     map[string]any{"type": "string", "description": "its canonical name, e.g. INVALID_ARGUMENT"},
		"reason":     map[string]any{"type": "string", "description": "stable machine-readable reason, e.g. REPEATED_POST"},
		"message":    map[string]any{"type": "string", "description": "for people: Korean by default, English on Accept-Language: en"},
		"request_id": map[string]any{"type": "string"},
		"field_violations": map[string]any{"type": "array", "items": map[string]any{"type": "object",
			"properties": map[string]any{"field": map[string]any{"type": "string", "description": "full path, e.g. contact.phone"},
				"reason": map[string]any{"type": "string"}, "description": map[string]any{"type": "string"}}}},
	},
}

// withInfo returns doc with the suite's info block; doc is returned as is
// if it cannot be parsed (it is generated, so that would be a build bug).
func withInfo(doc []byte) []byte {
	var parsed map[string]json.RawMessage
	if err := json.Unmarshal(doc, &parsed); err != nil {
		return doc
	}
	raw, err := json.Marshal(info)
	if err != nil {
		return doc
	}
	parsed["info"] = raw
	var defs map[string]any
	if json.Unmarshal(parsed["definitions"], &defs) == nil {
		defs["googleRpcStatus"] = errorSchema
		if raw, err := json.Marshal(defs); err == nil {
			parsed["definitions"] = raw
		}
	}
	out, err := json.Marshal(parsed)
	if err != nil {
		return doc
	}
	return out
}

// Page serves the API reference page.
func Page(devIssuer bool) http.Handler {
	page := bytes.ReplaceAll(pageHTML, devIssuerMarker, []byte(strconv.FormatBool(devIssuer)))
	csp := contentSecurityPolicy(page)
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		_, _ = w.Write(page)
	})
}

var (
	scriptRE = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
	styleRE  = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
)

// contentSecurityPolicy allows exactly the page's own inline script and
// style (by hash) and fetches from this origin only. Data from the OpenAPI
// document is inserted as text, never as HTML, and the policy makes sure
// nothing else could run even if it were.
func contentSecurityPolicy(page []byte) string {
	return "default-src 'none'; connect-src 'self'; img-src 'self' data:; " +
		"script-src " + hashes(scriptRE, page) + "; style-src " + hashes(styleRE, page) + "; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

func hashes(re *regexp.Regexp, page []byte) string {
	out := ""
	for _, m := range re.FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[1])
		out += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	if out == "" {
		return "'none'"
	}
	return out[1:]
}
