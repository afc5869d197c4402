package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/seoul-gov/homepage/gen/openapi"
)

// contractProxy stands between a generated client and the edge and checks
// every exchange against the OpenAPI contract the client was generated
// from: the route and its parameters, the request body, the status, and
// the response body with no field the contract does not declare. Any
// mismatch between the contract and what the edge does is recorded and
// fails the test.
type contractProxy struct {
	URL string

	doc        *openapi3.T
	mu         sync.Mutex
	mismatches []string
	exchanges  int
}

// startContractProxy serves the proxy until the test ends.
func startContractProxy(t *testing.T, edge string) *contractProxy {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openapi.DocumentV3)
	if err != nil {
		t.Fatalf("load the contract: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the contract is not valid OpenAPI 3: %v", err)
	}
	closeObjects(doc)
	p := &contractProxy{doc: doc}
	target, err := url.Parse(edge)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.serve(rp, w, r)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// closeObjects makes every object schema with declared properties refuse
// undeclared ones, so a field the edge sends but the contract does not
// describe is a mismatch (OpenAPI allows extra fields by default).
func closeObjects(doc *openapi3.T) {
	no := false
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			s.AdditionalProperties.Has = &no
		}
		for _, p := range s.Properties {
			walk(p)
		}
		for _, sub := range append(append(s.AllOf, s.OneOf...), s.AnyOf...) {
			walk(sub)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
}

func (p *contractProxy) serve(rp *httputil.ReverseProxy, w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	in, err := p.validateRequest(r, body)
	// A request without the token the contract requires is the client's
	// doing (tests send such on purpose); the contract then promises 401.
	var unsigned *openapi3filter.SecurityRequirementsError
	if err != nil && !errors.As(err, &unsigned) {
		p.mismatch("%s %s: request: %v", r.Method, r.URL.Path, err)
	}
	rec := httptest.NewRecorder()
	r.Body = io.NopCloser(bytes.NewReader(body))
	rp.ServeHTTP(rec, r)
	if unsigned != nil && rec.Code != http.StatusUnauthorized {
		p.mismatch("%s %s: the contract requires a token, but the edge answered %d without one", r.Method, r.URL.Path, rec.Code)
	}
	if in != nil {
		if err := p.validateResponse(in, rec); err != nil {
			p.mismatch("%s %s: response %d: %v", r.Method, r.URL.Path, rec.Code, err)
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func (p *contractProxy) validateRequest(r *http.Request, body []byte) (*openapi3filter.RequestValidationInput, error) {
	route, params, err := p.findRoute(r)
	if err != nil {
		return nil, err
	}
	req := r.Clone(r.Context())
	req.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: p.checkSecurity}}
	return in, openapi3filter.ValidateRequest(r.Context(), in)
}

// checkSecurity passes when the request meets one of the operation's
// security requirements: the empty one (no token needed) or a bearer token.
func (p *contractProxy) checkSecurity(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if strings.HasPrefix(in.RequestValidationInput.Request.Header.Get("Authorization"), "Bearer ") {
		return nil
	}
	return fmt.Errorf("no bearer token")
}

func (p *contractProxy) validateResponse(in *openapi3filter.RequestValidationInput, rec *httptest.ResponseRecorder) error {
	p.mu.Lock()
	p.exchanges++
	p.mu.Unlock()
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Body:    io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options: &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true}}
	return openapi3filter.ValidateResponse(in.Request.Context(), out)
}

// findRoute matches the request against the contract's paths the way the
// edge routes: literal segments first, a variable segment with a custom
// method (":publish") only by that verb.
func (p *contractProxy) findRoute(r *http.Request) (*routers.Route, map[string]string, error) {
	var best *routers.Route
	var bestParams map[string]string
	bestScore := -1
	for path, item := range p.doc.Paths.Map() {
		op := item.GetOperation(r.Method)
		if op == nil {
			continue
		}
		params, score, ok := matchPath(path, r.URL.Path)
		if ok && score > bestScore {
			best = &routers.Route{Spec: p.doc, Path: path, PathItem: item, Method: r.Method, Operation: op}
			bestParams, bestScore = params, score
		}
	}
	if best == nil {
		return nil, nil, fmt.Errorf("no operation in the contract")
	}
	return best, bestParams, nil
}

// matchPath matches a request path against a template; score counts the
// literal characters matched, so the most specific template wins.
func matchPath(template, path string) (map[string]string, int, bool) {
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return nil, 0, false
	}
	params, score := map[string]string{}, 0
	for i, seg := range ts {
		open, end := strings.IndexByte(seg, '{'), strings.IndexByte(seg, '}')
		if open < 0 {
			if seg != ps[i] {
				return nil, 0, false
			}
			score += len(seg) + 1
			continue
		}
		prefix, suffix := seg[:open], seg[end+1:]
		v, ok := strings.CutPrefix(ps[i], prefix)
		if ok {
			v, ok = strings.CutSuffix(v, suffix)
		}
		if !ok || v == "" || (suffix == "" && strings.Contains(v, ":")) {
			return nil, 0, false
		}
		params[seg[open+1:end]], _ = url.PathUnescape(v)
		score += len(prefix) + len(suffix)
	}
	return params, score, true
}

func (p *contractProxy) mismatch(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.mismatches = append(p.mismatches, fmt.Sprintf(format, args...))
}

// requireMatched fails the test on any mismatch, and when fewer exchanges
// than expected went through (a journey that silently did nothing).
func (p *contractProxy) requireMatched(t *testing.T, atLeast int) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.mismatches) > 0 {
		t.Fatalf("the edge and the contract disagree:\n  %s", strings.Join(p.mismatches, "\n  "))
	}
	if p.exchanges < atLeast {
		t.Fatalf("only %d exchanges went through the contract check, expected at least %d", p.exchanges, atLeast)
	}
}
