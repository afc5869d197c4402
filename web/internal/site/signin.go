package site

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/i18n"
	"github.com/seoul-gov/homepage/web/internal/session"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Sign-in: the city's identity provider (OpenID Connect, code flow with
// PKCE) and, in development, a page that picks a role, backed by the
// edge's development issuer.

// devRoles are the roles the development sign-in offers.
var devRoles = []string{roleCitizen, roleOfficial, roleModerator, roleOfficer, roleAdmin}

// devTokenTTL is how long a development sign-in lasts.
const devTokenTTL = 8 * time.Hour

type signinData struct {
	Next        string
	OIDC        bool
	Roles       []view.Option
	Departments []view.Option
}

func (a *App) signinPage(rq *req) error {
	d := signinData{Next: localPath(rq.r.URL.Query().Get("next")), OIDC: a.OIDC != nil}
	if a.DevSignIn {
		for _, r := range devRoles {
			d.Roles = append(d.Roles, view.Option{Value: r, Label: rq.T("role." + r)})
		}
		deps, err := departmentOptions(rq, true)
		if err != nil {
			return err
		}
		d.Departments = deps
	}
	return rq.render("signin", "signin.title", "", d)
}

// devSignin signs in with a development token for the chosen identity.
func (a *App) devSignin(rq *req) error {
	if !a.DevSignIn {
		return notFound(rq)
	}
	f := rq.r.PostForm
	role := f.Get("roles[0]")
	subject := strings.TrimSpace(f.Get("subject"))
	if subject == "" {
		subject = "dev-" + strings.ReplaceAll(role, "_", "-")
	}
	in := api.DevTokenRequest{Subject: subject, Roles: []string{role}, Department: f.Get("department"),
		RealNameVerified: f.Get("real_name_verified") == "on", TTLSeconds: int(devTokenTTL / time.Second)}
	if !slices.Contains(devRoles, role) {
		rq.rejectField("signin", "roles[0]", "signin.role.choose")
		return a.signinPage(rq)
	}
	tok, err := rq.api.DevToken(rq.ctx(), in)
	if _, ok := rq.refused("signin", err); ok {
		return a.signinPage(rq)
	}
	if err != nil {
		return err
	}
	u := &session.User{Subject: subject, Roles: in.Roles, Department: in.Department, RealNameVerified: in.RealNameVerified}
	return a.signedIn(rq, u, session.Token{Access: tok.AccessToken, Expiry: tok.Expiry}, f.Get("next"))
}

// signedIn starts the signed-in session under a new id and CSRF token.
func (a *App) signedIn(rq *req, u *session.User, t session.Token, next string) error {
	rq.sess.User, rq.sess.Token, rq.sess.Pending = u, t, nil
	rq.sess.Flash = rq.T("signin.done")
	rq.sess = a.Sessions.Rotate(rq.w, rq.sess)
	http.Redirect(rq.w, rq.r, localPath(next), http.StatusSeeOther)
	return nil
}

// oidcBegin sends the visitor to the identity provider.
func (a *App) oidcBegin(rq *req) error {
	if a.OIDC == nil {
		return notFound(rq)
	}
	to, pending, err := a.OIDC.Begin(rq.ctx(), localPath(rq.r.URL.Query().Get("next")))
	if err != nil {
		a.Log.ErrorContext(rq.ctx(), "identity provider unavailable", "err", err)
		rq.status = http.StatusServiceUnavailable
		a.problem(rq, "error.unavailable")
		return nil
	}
	rq.csrf() // the pending sign-in lives in the session
	rq.sess.Pending = &pending
	a.Sessions.Save(rq.sess)
	http.Redirect(rq.w, rq.r, to, http.StatusFound)
	return nil
}

// oidcCallback finishes the code flow.
func (a *App) oidcCallback(rq *req) error {
	if a.OIDC == nil {
		return notFound(rq)
	}
	q := rq.r.URL.Query()
	if q.Get("error") != "" || !rq.live {
		rq.status = http.StatusBadRequest
		a.problem(rq, "signin.failed")
		return nil
	}
	u, t, err := a.OIDC.Finish(rq.ctx(), rq.sess.Pending, q.Get("state"), q.Get("code"))
	if err != nil {
		a.Log.InfoContext(rq.ctx(), "sign-in refused", "err", err)
		rq.status = http.StatusBadRequest
		a.problem(rq, "signin.failed")
		return nil
	}
	return a.signedIn(rq, &u, t, rq.sess.Pending.Next)
}

// signout forgets the visitor's token and moves them to a new session.
func (a *App) signout(rq *req) error {
	rq.sess.User, rq.sess.Token, rq.sess.Pending = nil, session.Token{}, nil
	rq.sess.Flash = rq.T("signout.done")
	rq.sess = a.Sessions.Rotate(rq.w, rq.sess)
	http.Redirect(rq.w, rq.r, "/", http.StatusSeeOther)
	return nil
}

// switchLang remembers the chosen language for a year and goes back.
func (a *App) switchLang(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	if slices.Contains(i18n.Languages, to) {
		http.SetCookie(w, &http.Cookie{Name: langCookieName, Value: to, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: a.SecureCookies, SameSite: http.SameSiteLaxMode})
	}
	http.Redirect(w, r, localPath(r.URL.Query().Get("back")), http.StatusSeeOther)
}

// departmentOptions lists the departments for a select, with an empty
// first choice when optional.
func departmentOptions(rq *req, optional bool) ([]view.Option, error) {
	deps, err := rq.api.ListDepartments(rq.ctx())
	if err != nil {
		return nil, err
	}
	var out []view.Option
	if optional {
		out = append(out, view.Option{Value: "", Label: rq.T("select.none")})
	}
	for _, d := range deps.GetDepartments() {
		out = append(out, view.Option{Value: d.GetCode(), Label: deptName(rq, d) + " (" + d.GetCode() + ")"})
	}
	return out, nil
}
