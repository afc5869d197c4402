package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	webserver "github.com/seoul-gov/homepage/web/server"
)

// The homepage in a real browser: Debian's chromium, headless, driven over
// the DevTools protocol, against the web front that the suite's launcher
// started (as `make run` does). axe-core runs inside every page the
// journeys open; any WCAG 2.2 A/AA violation fails the test.

// axeRun runs axe-core on the document for WCAG 2.0–2.2 A and AA (the
// rules KWCAG 2.2 adopts) and answers the violations as JSON.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
  .then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))))`

// pageTimeout bounds one browser action (a navigation, a form post).
const pageTimeout = 30 * time.Second

// browser is one headless chromium with a fresh profile, as one visitor.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	axe  string
	cov  *coverage
}

// newBrowser starts chromium for t; it is closed when t ends, after a
// screenshot of the last page when t failed.
func newBrowser(t *testing.T, cov *coverage) *browser {
	t.Helper()
	exe := chromium(t)
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.UserDataDir(profile),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("lang", "ko-KR"), chromedp.Flag("accept-lang", "ko-KR,ko"),
		chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first action starts the browser and binds it to the context it
	// runs on: this one, not a shorter-lived one with a timeout.
	require.NoError(t, chromedp.Do(ctx), "start chromium")
	b := &browser{t: t, ctx: ctx, base: suite(t).WebURL, axe: axeSource(t), cov: cov}
	t.Cleanup(b.screenshotOnFailure)
	return b
}

// chromium finds the browser the prerequisites script installs.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium on PATH: run scripts/prereqs.sh (Debian: apt-get install chromium)")
	return ""
}

// axeSource reads axe-core, fetching the pinned version first if needed
// (scripts/axe.sh, like the google protos of protodeps.sh).
func axeSource(t *testing.T) string {
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	path := filepath.Join(root, ".cache", "axe-core", "axe.min.js")
	if _, err := os.Stat(path); err != nil {
		out, err := exec.Command(filepath.Join(root, "scripts", "axe.sh")).CombinedOutput()
		require.NoError(t, err, "scripts/axe.sh: %s", out)
	}
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(src)
}

// run does browser actions within pageTimeout.
func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, pageTimeout)
	defer cancel()
	require.NoError(b.t, chromedp.Do(ctx, actions...))
}

// navigate runs actions that load a page (a link, a form post), waits for
// it, checks it with axe and returns its HTTP status.
func (b *browser) navigate(actions ...chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, pageTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	require.NoError(b.t, err)
	b.checkA11y()
	return int(resp.Status)
}

// open loads a path of the homepage and expects 200.
func (b *browser) open(path string) {
	b.t.Helper()
	status := b.navigate(chromedp.Navigate(b.base + path))
	require.Equal(b.t, http.StatusOK, status, "GET %s", path)
}

// checkA11y injects axe-core into the page and requires zero violations;
// it records the page's route as checked.
func (b *browser) checkA11y() {
	b.t.Helper()
	loc := b.location()
	res := b.eval(b.axe + ";\n" + `(function(){ return "loaded" })()`)
	require.Equal(b.t, "loaded", res)
	var found []struct {
		ID    string   `json:"id"`
		Help  string   `json:"help"`
		Nodes []string `json:"nodes"`
	}
	ctx, cancel := context.WithTimeout(b.ctx, pageTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
	require.NoError(b.t, err)
	require.NoError(b.t, json.Unmarshal([]byte(raw), &found))
	require.Empty(b.t, found, "axe-core found WCAG violations on %s", loc)
	b.cov.checked(loc)
}

// eval evaluates a script expression to a string.
func (b *browser) eval(js string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, pageTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	require.NoError(b.t, err)
	return s
}

func (b *browser) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	require.NoError(b.t, err)
	return loc
}

// path is the current page's path and query.
func (b *browser) path() string {
	u, err := url.Parse(b.location())
	require.NoError(b.t, err)
	return u.RequestURI()
}

// text is the text of the first element sel matches (which must exist).
func (b *browser) text(sel string) string {
	b.t.Helper()
	s := b.eval(fmt.Sprintf(`(function(){ const e = document.querySelector(%q); return e ? "+" + e.innerText : "-" })()`, sel))
	require.True(b.t, strings.HasPrefix(s, "+"), "no %s on %s", sel, b.location())
	return strings.Join(strings.Fields(s[1:]), " ")
}

// has tells whether sel matches anything on the page.
func (b *browser) has(sel string) bool {
	b.t.Helper()
	return b.eval(fmt.Sprintf(`document.querySelector(%q) ? "yes" : "no"`, sel)) == "yes"
}

// fill replaces the value of the input sel.
func (b *browser) fill(sel, value string) {
	b.t.Helper()
	b.run(chromedp.SetValue(chromedp.CSS(sel), value))
}

// submit clicks a submit button and waits for the page that answers.
func (b *browser) submit(sel string) int {
	b.t.Helper()
	return b.navigate(chromedp.Click(chromedp.CSS(sel)))
}

// follow clicks a link and waits for its page.
func (b *browser) follow(sel string) {
	b.t.Helper()
	require.Equal(b.t, http.StatusOK, b.navigate(chromedp.Click(chromedp.CSS(sel))), "follow %s", sel)
}

// signIn uses the development sign-in page as a visitor with one role.
func (b *browser) signIn(role, subject, department string, realName bool) {
	b.t.Helper()
	b.open("/signin")
	b.run(chromedp.Click(chromedp.CSS(`input[name="roles[0]"][value="`+role+`"]`)), chromedp.SetValue(chromedp.CSS("#signin-subject"), subject))
	if department != "" {
		b.run(chromedp.SetValue(chromedp.CSS("#signin-department"), department))
	}
	if realName {
		b.run(chromedp.Click(chromedp.CSS("#signin-real_name_verified")))
	}
	require.Equal(b.t, http.StatusOK, b.submit(`form[action="/signin/dev"] button[type=submit]`))
	require.Contains(b.t, b.text("header"), subject, "signed in as %s", subject)
}

// signOut uses the sign-out button in the header.
func (b *browser) signOut() {
	b.t.Helper()
	require.Equal(b.t, http.StatusOK, b.submit(`form[action="/signout"] button`))
	require.True(b.t, b.has(`a[href^="/signin"]`), "signed out")
}

// press sends keys to whatever has the focus, as a keyboard user would.
func (b *browser) press(keys string) {
	b.t.Helper()
	b.run(chromedp.KeyEvent(keys))
}

// focused describes the element that has the focus (id, else tag).
func (b *browser) focused() string {
	return b.eval(`(function(){ const e = document.activeElement; return e ? (e.id || e.tagName.toLowerCase()) : "" })()`)
}

// tabTo presses Tab until the element with id has the focus (at most n
// times) and checks the focus is visible there.
func (b *browser) tabTo(id string, n int) {
	b.t.Helper()
	for range n {
		if b.focused() == id {
			b.requireFocusVisible()
			return
		}
		b.press(kb.Tab)
	}
	require.Equal(b.t, id, b.focused(), "Tab did not reach #%s on %s", id, b.location())
}

// requireFocusVisible checks that the focused element shows a focus
// outline (WCAG 2.4.7).
func (b *browser) requireFocusVisible() {
	b.t.Helper()
	style := b.eval(`(function(){ const s = getComputedStyle(document.activeElement); return s.outlineStyle + " " + s.outlineWidth })()`)
	require.NotContains(b.t, style, "none", "focus outline of #%s", b.focused())
	require.NotEqual(b.t, "0px", strings.Fields(style)[len(strings.Fields(style))-1], "focus outline width of #%s", b.focused())
}

// fieldError is the explanation shown under a refused field, and whether
// the field is marked invalid for assistive technology.
func (b *browser) fieldError(form, field string) (string, bool) {
	b.t.Helper()
	id := form + "-" + field
	msg := b.eval(fmt.Sprintf(`(function(){ const e = document.getElementById(%q); return e ? e.textContent.trim() : "" })()`, id+"-error"))
	invalid := b.eval(fmt.Sprintf(`(function(){ const e = document.getElementById(%q) || document.querySelector('[name=%q]'); return e ? String(e.getAttribute("aria-invalid") === "true" || e.closest(".invalid") !== null) : "missing" })()`, id, field))
	return msg, invalid == "true"
}

var hangul = regexp.MustCompile(`\p{Hangul}`)

// requireKoreanError checks that a refused field is marked and explained
// in Korean (the edge's field violation, in the visitor's language).
func (b *browser) requireKoreanError(form, field string) {
	b.t.Helper()
	msg, invalid := b.fieldError(form, field)
	require.True(b.t, invalid, "field %s of form %s is not marked invalid on %s", field, form, b.location())
	require.NotEmpty(b.t, msg, "field %s of form %s has no explanation", field, form)
	require.Regexp(b.t, hangul, msg, "the explanation of %s is not Korean: %q", field, msg)
	require.True(b.t, b.has(".error-summary"), "the form's error summary")
}

// screenshotOnFailure keeps the last page of a failed test as
// e2e/.artifacts/<test>.png and says where.
func (b *browser) screenshotOnFailure() {
	if !b.t.Failed() {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("no screenshot: %v", err)
		return
	}
	dir, _ := filepath.Abs(".artifacts")
	_ = os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(b.t.Name())+".png")
	if err := os.WriteFile(path, png, 0o644); err == nil {
		b.t.Logf("screenshot of the last page (%s): %s", b.location(), path)
	}
}

// coverage records which of the homepage's pages axe-core checked, by
// route pattern (web/server.Pages).
type coverage struct {
	mux  *http.ServeMux
	seen map[string]bool
}

func newCoverage() *coverage {
	c := &coverage{mux: http.NewServeMux(), seen: map[string]bool{}}
	for _, p := range webserver.Pages() {
		c.mux.HandleFunc("GET "+p, func(http.ResponseWriter, *http.Request) {})
	}
	return c
}

func (c *coverage) checked(loc string) {
	req, err := http.NewRequest(http.MethodGet, loc, nil)
	if err != nil {
		return
	}
	if _, pattern := c.mux.Handler(req); pattern != "" {
		c.seen[strings.TrimPrefix(pattern, "GET ")] = true
	}
}

// missing lists the pages no journey checked.
func (c *coverage) missing() []string {
	var out []string
	for _, p := range webserver.Pages() {
		if !c.seen[p] {
			out = append(out, p)
		}
	}
	return out
}
