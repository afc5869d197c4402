package site

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/session"
)

// App-level tests of the pages against a stand-in for the REST edge that
// answers a few routes and records what it was asked. The whole site in a
// real browser against the real suite is e2e/web_*_test.go.

// fakeEdge answers canned JSON by "METHOD path" and records requests.
type fakeEdge struct {
	mu      sync.Mutex
	answers map[string]func(w http.ResponseWriter, r *http.Request)
	calls   []string
	bodies  map[string]string
}

func (f *fakeEdge) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.Path
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.calls = append(f.calls, key)
	f.bodies[key] = string(b)
	h, ok := f.answers[key]
	f.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"code":5,"status":"NOT_FOUND","message":"없음"}`))
		return
	}
	h(w, r)
}

func (f *fakeEdge) called(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.calls {
		if c == key {
			return true
		}
	}
	return false
}

func json(status int, body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// site is the web front over a fake edge, and a browser-like client.
type site struct {
	edge   *fakeEdge
	srv    *httptest.Server
	client *http.Client
}

func newSite(t *testing.T) *site {
	t.Helper()
	e := &fakeEdge{bodies: map[string]string{}, answers: map[string]func(http.ResponseWriter, *http.Request){
		"GET /v1/items":           json(200, `{"items":[]}`),
		"GET /v1/departments":     json(200, `{"departments":[{"code":"SMG-CIVIL","name_ko":"시민소통과","name_en":"Citizen Communication"}]}`),
		"GET /v1/boards/b1":       json(200, `{"id":"b1","name":"시민 제안 게시판"}`),
		"GET /v1/boards/b1/posts": json(200, `{"posts":[]}`),
		"POST /v1/boards/b1/posts": json(400, `{"code":3,"status":"INVALID_ARGUMENT","message":"입력값에 잘못된 항목이 있습니다.",
		  "field_violations":[{"field":"title","reason":"REQUIRED","description":"필수 항목입니다."}]}`),
		"POST /dev/token": json(200, `{"access_token":"dev-token","token_type":"Bearer","expires_in":3600}`),
	}}
	edge := httptest.NewServer(e)
	t.Cleanup(edge.Close)
	store := session.NewStore(time.Hour, time.Hour, 100)
	app, err := New(Options{API: api.New(edge.URL, 5*time.Second), Sessions: session.NewManager(store, false),
		DevSignIn: true, Log: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &site{edge: e, srv: srv, client: client}
}

func (s *site) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.srv.URL+path, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return s.do(t, req)
}

func (s *site) post(t *testing.T, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.srv.URL+path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return s.do(t, req)
}

func (s *site) do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := s.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf opens path and returns the token its forms carry.
func (s *site) csrf(t *testing.T, path string) string {
	t.Helper()
	resp, body := s.get(t, path)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	m := csrfField.FindStringSubmatch(body)
	require.NotNil(t, m, "a form with a CSRF token on %s", path)
	return m[1]
}

// signIn signs in through the development sign-in page.
func (s *site) signIn(t *testing.T, role string) {
	t.Helper()
	token := s.csrf(t, "/signin")
	resp, _ := s.post(t, "/signin/dev", url.Values{"csrf": {token}, "roles[0]": {role}, "subject": {"tester-1"}, "next": {"/boards/b1"}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, "/boards/b1", resp.Header.Get("Location"))
}

func TestFormsNeedTheSessionsCSRFToken(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.signIn(t, "citizen")
	form := url.Values{"title": {"제목"}, "body": {"내용"}}
	resp, _ := s.post(t, "/boards/b1/posts", form)
	require.Equal(t, http.StatusForbidden, resp.StatusCode, "no token")
	form.Set("csrf", "guessed")
	resp, _ = s.post(t, "/boards/b1/posts", form)
	require.Equal(t, http.StatusForbidden, resp.StatusCode, "a wrong token")
	require.False(t, s.edge.called("POST /v1/boards/b1/posts"), "nothing was sent to the edge")

	form.Set("csrf", s.csrf(t, "/boards/b1"))
	resp, body := s.post(t, "/boards/b1/posts", form)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	require.True(t, s.edge.called("POST /v1/boards/b1/posts"), "with the token the post reaches the edge")
	require.Contains(t, body, `id="post-title" name="title" value="제목"`, "what the visitor typed comes back")
	require.Contains(t, body, `aria-invalid="true"`)
	require.Contains(t, body, `<p class="field-error" id="post-title-error">필수 항목입니다.</p>`, "the edge's explanation under the field")
	require.Contains(t, body, `<a href="#post-title">제목: 필수 항목입니다.</a>`, "and in the summary, linked to the field")
}

func TestCrossOriginPostsRefusedBeforeAnyHandler(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	token := s.csrf(t, "/signin")
	resp, _ := s.post(t, "/signin/dev", url.Values{"csrf": {token}, "roles[0]": {"admin"}}, "Sec-Fetch-Site", "cross-site")
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	require.False(t, s.edge.called("POST /dev/token"))
}

func TestSignInStartsANewSession(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.csrf(t, "/signin")
	u, _ := url.Parse(s.srv.URL)
	before := s.client.Jar.Cookies(u)[0].Value
	s.signIn(t, "citizen")
	after := s.client.Jar.Cookies(u)[0].Value
	require.NotEqual(t, before, after, "the session id changes at sign-in")
	require.JSONEq(t, `{"subject":"tester-1","roles":["citizen"],"real_name_verified":false,"ttl_seconds":28800}`, s.edge.bodies["POST /dev/token"])
	_, body := s.get(t, "/")
	require.Contains(t, body, "tester-1 님")
}

func TestPagesForSomeOnly(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	resp, _ := s.get(t, "/my")
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, "/signin?next=%2Fmy", resp.Header.Get("Location"), "the public is sent to sign in")
	s.signIn(t, "citizen")
	resp, body := s.get(t, "/staff/admin/rules")
	require.Equal(t, http.StatusForbidden, resp.StatusCode, "a citizen has no staff console")
	require.Contains(t, body, "권한이 없습니다")
}

func TestHeadersAndAssets(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	resp, body := s.get(t, "/")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	h := resp.Header
	require.Contains(t, h.Get("Content-Security-Policy"), "default-src 'none'")
	require.Contains(t, h.Get("Content-Security-Policy"), "form-action 'self'")
	require.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
	require.Equal(t, "DENY", h.Get("X-Frame-Options"))
	require.Equal(t, "no-store", h.Get("Cache-Control"))
	require.NotContains(t, body, "http://", "nothing loaded from outside the suite")
	css := regexp.MustCompile(`href="(/static/site\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(body)
	require.NotNil(t, css)
	resp, _ = s.get(t, css[1], "Accept-Encoding", "gzip")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	require.Contains(t, resp.Header.Get("Cache-Control"), "immutable")
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	_, body := s.get(t, "/")
	require.Contains(t, body, `<html lang="ko">`, "Korean first")
	_, body = s.get(t, "/", "Accept-Language", "en-US,en;q=0.9")
	require.Contains(t, body, `<html lang="en">`, "English for a browser that asks for it")
	resp, _ := s.get(t, "/lang?to=ko&back=%2Fboards")
	require.Equal(t, "/boards", resp.Header.Get("Location"))
	_, body = s.get(t, "/", "Accept-Language", "en-US")
	require.Contains(t, body, `<html lang="ko">`, "the visitor's choice wins over the browser's")
}

func TestReturnAddressesStayOnTheSite(t *testing.T) {
	t.Parallel()
	cases := map[string]string{"/my?x=1": "/my?x=1", "https://evil.example/": "/", "//evil.example/x": "/",
		"/\\evil.example": "/", "": "/", "relative": "/", "/boards/b1#c": "/boards/b1"}
	for in, want := range cases {
		require.Equal(t, want, localPath(in), in)
	}
}

func TestEdgeUnavailable(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.edge.mu.Lock()
	s.edge.answers["GET /v1/items"] = func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "2")
		json(503, `{"code":14,"status":"UNAVAILABLE","message":"잠시 후"}`)(w, nil)
	}
	s.edge.mu.Unlock()
	resp, body := s.get(t, "/")
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	require.Equal(t, "2", resp.Header.Get("Retry-After"))
	require.Contains(t, body, "잠시 후 다시 시도해 주세요")
}

// TestA2_PublicTextsCarryTheirMarker: the terms and the point rules show
// each public text in the language the edge served it, with its lang, and
// say so when the Korean text stands in for an out-of-date or missing
// translation.
func TestA2_PublicTextsCarryTheirMarker(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.edge.answers["GET /v1/mail/terms"] = json(200, `{"version":"2.0",
		"title":{"language":"en","text":"Terms of the e-mail service","state":"TEXT_STATE_CURRENT"},
		"clauses":[{"number":"1","text":{"language":"ko","text":"이 약관은 정합니다.","state":"TEXT_STATE_STALE"}},
		{"number":"2","text":{"language":"ko","text":"아이디를 드립니다.","state":"TEXT_STATE_UNTRANSLATED"}}]}`)
	s.edge.answers["GET /v1/mileage/rules"] = json(200, `{"rules":[{"action":"post_created","points":"100","weight_percent":100,
		"description":{"language":"ko","text":"게시판 글 작성(사진 포함)","state":"TEXT_STATE_STALE"}}],
		"catalog":[{"item_id":"transit-topup","channel":"transit","active":true,"min_points":"1000","max_points":"1000","step_points":"1000",
		"name":{"language":"en","text":"Transit card top-up","state":"TEXT_STATE_CURRENT"}}],
		"how_to_redeem":{"language":"ko","text":"포인트는 ...","state":"TEXT_STATE_UNTRANSLATED"}}`)
	_, body := s.get(t, "/mail/terms", "Accept-Language", "en")
	require.Contains(t, body, `<span lang="en">Terms of the e-mail service</span>`)
	require.Contains(t, body, `<span lang="ko">이 약관은 정합니다.</span> <span class="badge" lang="en">Translation out of date</span>`)
	require.Contains(t, body, `Not translated (Korean original)`)
	_, body = s.get(t, "/points/rules", "Accept-Language", "en")
	require.Contains(t, body, `<span lang="ko">게시판 글 작성(사진 포함)</span> <span class="badge" lang="en">Translation out of date</span>`)
	require.Contains(t, body, `<span lang="en">Transit card top-up</span>`)
	require.Contains(t, body, `<div class="body-text" lang="ko">`)
}
