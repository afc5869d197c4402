package site

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/session"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Who may open a page: anyone, anyone signed in, or holders of roles.
var (
	public   []string
	signedIn = []string{}
)

// handlers are those who handle complaints: department officials and
// admins (the petition service decides which complaints each may touch).
var handlers = []string{roleOfficial, roleAdmin}

// staff are every staff role (the console's start page).
var staff = []string{roleOfficial, roleModerator, roleOfficer, roleAdmin}

// Staff roles, as the identity token names them.
const (
	roleCitizen   = "citizen"
	roleOfficial  = "official"
	roleModerator = "moderator"
	roleOfficer   = "privacy_officer"
	roleAdmin     = "admin"
)

// page serves a GET page; roles nil is public, empty any signed-in visitor.
func (a *App) page(fn func(*req) error, roles []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := a.build(w, r)
		if !a.allowed(rq, roles) {
			return
		}
		if err := fn(rq); err != nil {
			a.fail(rq, err)
		}
	})
}

// action serves a form's POST: the session's CSRF token must come back
// with it, or nothing is done.
func (a *App) action(fn func(*req) error, roles []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := a.build(w, r)
		r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		if err := r.ParseForm(); err != nil || !rq.live || !session.ValidCSRF(rq.sess, r.PostForm.Get("csrf")) {
			rq.status = http.StatusForbidden
			a.problem(rq, "error.csrf")
			return
		}
		if !a.allowed(rq, roles) {
			return
		}
		if err := fn(rq); err != nil {
			a.fail(rq, err)
		}
	})
}

// maxForm bounds a form's body (the edge refuses more than 1 MiB anyway).
const maxForm = 1 << 20

// allowed sends the public to sign in and refuses visitors without the
// role; it reports whether the page may go on.
func (a *App) allowed(rq *req, roles []string) bool {
	if roles == nil {
		return true
	}
	u := rq.user()
	if u == nil {
		next := rq.r.URL.RequestURI()
		if rq.r.Method != http.MethodGet {
			next = rq.r.Referer()
		}
		http.Redirect(rq.w, rq.r, "/signin?next="+url.QueryEscape(localPath(next)), http.StatusSeeOther)
		return false
	}
	if len(roles) > 0 && !slices.ContainsFunc(roles, func(r string) bool { return u.Has(r) }) {
		rq.status = http.StatusForbidden
		a.problem(rq, "error.forbidden")
		return false
	}
	return true
}

// refused turns the edge's refusal of a form into the form's state: each
// named field marked with the edge's explanation, anything else (a failed
// precondition, a change made meanwhile, an action this visitor may not
// take) as the form's message. It reports false for errors a form cannot
// explain.
func (rq *req) refused(id string, err error) (*view.Form, bool) {
	e, ok := api.As(err)
	if !ok || !(e.Invalid() || e.Conflict() || e.HTTPStatus == http.StatusForbidden) {
		return nil, false
	}
	values := rq.r.PostForm
	if rq.r.Method == http.MethodGet {
		values = rq.r.URL.Query()
	}
	f := view.NewForm(id, values)
	for _, v := range e.FieldViolations {
		f.Fail(v.Field, v.Description)
	}
	if len(e.FieldViolations) == 0 {
		f.Message = e.Message
		if e.Conflict() {
			f.Message = rq.T("error.conflict")
		}
	}
	rq.status = e.HTTPStatus
	rq.page.SetForm(f)
	return f, true
}

// reject shows a form again with the problems the web front found itself
// before calling the edge (a number that is not one).
func (rq *req) reject(f *view.Form) {
	rq.page.SetForm(f)
	rq.status = http.StatusBadRequest
}

// rejectField rejects form id for one field, explained by message msg.
func (rq *req) rejectField(id, field, msg string) {
	f := view.NewForm(id, rq.r.PostForm)
	f.Fail(field, rq.T(msg))
	rq.reject(f)
}

// fail renders what went wrong as a page of its own.
func (a *App) fail(rq *req, err error) {
	e, ok := api.As(err)
	if !ok {
		a.Log.ErrorContext(rq.ctx(), "page failed", "err", err)
		rq.status = http.StatusInternalServerError
		a.problem(rq, "error.internal")
		return
	}
	switch rq.status = e.HTTPStatus; e.HTTPStatus {
	case http.StatusUnauthorized:
		// The edge no longer accepts the token: sign in again.
		rq.sess.User, rq.sess.Token = nil, session.Token{}
		a.Sessions.Save(rq.sess)
		http.Redirect(rq.w, rq.r, "/signin?next="+url.QueryEscape(localPath(rq.r.URL.RequestURI())), http.StatusSeeOther)
	case http.StatusForbidden:
		a.problem(rq, "error.forbidden")
	case http.StatusNotFound:
		a.problem(rq, "error.notfound")
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if e.RetryAfter != "" {
			rq.w.Header().Set("Retry-After", e.RetryAfter)
		}
		a.problem(rq, "error.unavailable")
	default:
		if e.HTTPStatus < 500 {
			a.problem(rq, "error.request")
			return
		}
		a.Log.ErrorContext(rq.ctx(), "edge failed", "err", err, "edge_request_id", e.RequestID)
		rq.status = http.StatusBadGateway
		a.problem(rq, "error.internal")
	}
}

// problemData is what the error page shows.
type problemData struct {
	Message   string
	RequestID string
}

// problem renders the error page titled by message id title.
func (a *App) problem(rq *req, title string) {
	d := problemData{Message: rq.T(title + ".body"), RequestID: requestID(rq.ctx())}
	if err := rq.render("problem", title, "", d); err != nil {
		a.Log.ErrorContext(rq.ctx(), "render error page", "err", err)
		http.Error(rq.w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	}
}

// localPath keeps a return address on this site: a path, never a host.
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || u.Host != "" || u.Scheme != "" || len(u.Path) == 0 || u.Path[0] != '/' ||
		(len(u.Path) > 1 && (u.Path[1] == '/' || u.Path[1] == '\\')) {
		return "/"
	}
	return u.RequestURI()
}

// notFound is the site's 404 page.
func notFound(rq *req) error {
	rq.status = http.StatusNotFound
	rq.a.problem(rq, "error.notfound")
	return nil
}
