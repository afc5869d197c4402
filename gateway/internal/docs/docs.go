// Package docs serves the API's documentation from the edge itself: the
// OpenAPI contract (2.0 and 3.0, see gen/openapi), and a readable
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

// OpenAPI serves the contract as Swagger 2.0 (/openapi.json), exactly as
// generated and committed, with an ETag, so clients and the reference page
// revalidate instead of downloading it again.
func OpenAPI() http.Handler { return document(openapi.Document) }

// OpenAPIV3 serves the same contract as OpenAPI 3.0 (/openapi3.json), the
// version client generators take.
func OpenAPIV3() http.Handler { return document(openapi.DocumentV3) }

func document(doc []byte) http.Handler {
	sum := sha256.Sum256(doc)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(doc))
	})
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
