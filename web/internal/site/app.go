// Package site is the web front's pages: the citizen portal and the staff
// console. Every page is a handler that calls the REST edge through the
// typed client (internal/api) as the visitor — with their own token, in
// their language — and renders a server-side template (internal/view).
// Pages work without JavaScript; forms carry a CSRF token and come back
// with each refused field marked and explained in the visitor's language.
package site

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/i18n"
	"github.com/seoul-gov/homepage/web/internal/session"
	"github.com/seoul-gov/homepage/web/internal/signin"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Options are what the pages need.
type Options struct {
	API      *api.Client
	Sessions *session.Manager
	// OIDC is the city's identity provider; nil when not configured.
	OIDC *signin.OIDC
	// DevSignIn offers the development sign-in page, backed by the edge's
	// development issuer (POST /dev/token, only served there when
	// DEV_ISSUER_ENABLED=true).
	DevSignIn bool
	// SecureCookies says the site is served over HTTPS (adds HSTS).
	SecureCookies bool
	Log           *slog.Logger
}

// App serves the pages.
type App struct {
	Options
	view   *view.Renderer
	assets *view.Assets
}

// New parses the templates and loads the static files.
func New(o Options) (*App, error) {
	r, err := view.NewRenderer()
	if err != nil {
		return nil, err
	}
	as, err := view.LoadAssets()
	if err != nil {
		return nil, err
	}
	return &App{Options: o, view: r, assets: as}, nil
}

// req is one request to a page.
type req struct {
	a    *App
	w    http.ResponseWriter
	r    *http.Request
	sess session.Session
	live bool // sess is a stored session
	loc  i18n.Localizer
	api  *api.Caller
	page *view.Page
	// status is the HTTP status of the page rendered (a refused form
	// comes back with 400).
	status int
}

func (rq *req) ctx() context.Context { return rq.r.Context() }

// user is the signed-in visitor, nil for the public.
func (rq *req) user() *session.User { return rq.sess.User }

// T renders a message in the visitor's language.
func (rq *req) T(id string, args ...any) string { return rq.loc.T(id, args...) }

// csrf returns the session's form token, starting a session for a visitor
// who has none yet (the page is rendered into a buffer, so the cookie is
// set before anything is written).
func (rq *req) csrf() string {
	if !rq.live {
		rq.sess, rq.live = rq.a.Sessions.Ensure(rq.w, rq.r), true
	}
	return rq.sess.CSRF
}

// render writes page name titled by message id title in section.
func (rq *req) render(name, title, section string, data any) error {
	return rq.renderTitled(name, rq.T(title), section, data)
}

// renderTitled is render with a title that is already text (an item's).
func (rq *req) renderTitled(name, title, section string, data any) error {
	p := rq.page
	p.Title, p.Section, p.Data = title, section, data
	status := rq.status
	if status == 0 {
		status = http.StatusOK
	}
	return rq.a.view.Render(rq.w, status, name, p)
}

// redirect sends the visitor on with a one-time message (303, so a
// reloaded result page never posts the form again).
func (rq *req) redirect(to, flash string) error {
	if flash != "" && (rq.live || rq.csrf() != "") {
		rq.sess.Flash = flash
		rq.a.Sessions.Save(rq.sess)
	}
	http.Redirect(rq.w, rq.r, to, http.StatusSeeOther)
	return nil
}

// build prepares a request: language, session (renewing or dropping an
// expired token) and the client acting for the visitor.
func (a *App) build(w http.ResponseWriter, r *http.Request) *req {
	lang := i18n.Negotiate(langCookie(r), r.Header.Get("Accept-Language"))
	rq := &req{a: a, w: w, r: r, loc: i18n.For(lang)}
	// Pages carry the session's form token, and signed-in pages personal
	// data: no cache may keep them.
	w.Header().Set("Cache-Control", "no-store")
	rq.sess, rq.live = a.Sessions.Load(r)
	if rq.live && rq.sess.User != nil && !a.fresh(r.Context(), &rq.sess) {
		rq.sess.User, rq.sess.Token = nil, session.Token{}
		rq.sess.Flash = rq.T("signin.expired")
	}
	rq.api = a.API.As(rq.sess.Token.Access, lang, requestID(r.Context()))
	rq.page = view.NewPage(rq.loc, a.assets, rq.csrf)
	rq.page.User, rq.page.Path, rq.page.DevSignIn = rq.sess.User, r.URL.RequestURI(), a.DevSignIn
	if rq.live && rq.sess.Flash != "" {
		rq.page.Flash, rq.sess.Flash = rq.sess.Flash, ""
		a.Sessions.Save(rq.sess)
	}
	return rq
}

// fresh keeps the session's token usable: still valid for a minute, or
// renewed with the provider's refresh token.
func (a *App) fresh(ctx context.Context, s *session.Session) bool {
	if time.Until(s.Token.Expiry) > time.Minute {
		return true
	}
	if a.OIDC == nil || s.Token.Refresh == "" {
		return false
	}
	t, err := a.OIDC.Refresh(ctx, s.Token)
	if err != nil {
		a.Log.InfoContext(ctx, "token refresh failed; signing the visitor out", "err", err)
		return false
	}
	s.Token = t
	a.Sessions.Save(*s)
	return true
}

func langCookie(r *http.Request) string {
	if c, err := r.Cookie(langCookieName); err == nil {
		return c.Value
	}
	return ""
}

const langCookieName = "lang"
