package site

import (
	"net/http"
	"strings"
)

// route is one address of the site; page marks the HTML pages a visitor
// can open (the browser tests check each with axe-core).
type route struct {
	pattern string
	handler http.Handler
	page    bool
}

func (a *App) routes() []route {
	get := func(p string, fn func(*req) error, roles []string) route {
		return route{pattern: "GET " + p, handler: a.page(fn, roles), page: true}
	}
	post := func(p string, fn func(*req) error, roles []string) route {
		return route{pattern: "POST " + p, handler: a.action(fn, roles)}
	}
	rs := []route{
		get("/{$}", a.home, public),
		get("/search", a.search, public),
		get("/items/{slug}", a.item, public),
		post("/items/{slug}/feedback", a.feedback, signedIn),
		get("/departments/{code}", a.department, public),
		get("/signin", a.signinPage, public),
		post("/signin/dev", a.devSignin, public),
		{pattern: "GET /signin/oidc", handler: a.page(a.oidcBegin, public)},
		{pattern: "GET /signin/callback", handler: a.page(a.oidcCallback, public)},
		post("/signout", a.signout, public),
		get("/boards", a.boards, public),
		get("/boards/{id}", a.board, public),
		post("/boards/{id}/posts", a.createPost, signedIn),
		get("/posts/{id}", a.post, public),
		get("/posts/{id}/edit", a.editPostPage, signedIn),
		post("/posts/{id}/edit", a.editPost, signedIn),
		post("/posts/{id}/withdraw", a.withdrawPost, signedIn),
		post("/posts/{id}/comments", a.createComment, signedIn),
		post("/posts/{id}/report", a.report, signedIn),
		post("/posts/{id}/appeal", a.appeal, signedIn),
		post("/comments/{id}/withdraw", a.withdrawComment, signedIn),
		get("/moderation/log", a.moderationLog, public),
		get("/moderation/report", a.transparency, public),
		get("/mayor", a.mayor, public),
		get("/complaints/new", a.newComplaint, signedIn),
		post("/complaints", a.fileComplaint, signedIn),
		get("/complaints", a.myComplaints, signedIn),
		get("/complaints/{id}", a.complaint, signedIn),
		post("/complaints/{id}/rate", a.rateComplaint, signedIn),
		post("/complaints/{id}/progress", a.askProgress, signedIn),
		post("/complaints/{id}/more", a.askMore, signedIn),
		get("/events", a.events, public),
		get("/events/{id}", a.event, public),
		post("/events/{id}/entries", a.enter, signedIn),
		get("/events/{id}/draw", a.draw, public),
		get("/points", a.points, public),
		post("/points/redeem", a.redeem, signedIn),
		get("/points/rules", a.pointRules, public),
		get("/my", a.myData, signedIn),
		post("/my/consents", a.grantConsent, signedIn),
		post("/my/consents/{purpose}/withdraw", a.withdrawConsent, signedIn),
		post("/my/erase", a.erase, signedIn),
		get("/privacy", a.privacyPolicy, public),
		get("/mail/terms", a.mailTerms, public),
		get("/staff", a.staffHome, staff),
		get("/staff/complaints", a.staffQueue, handlers),
		{pattern: "GET /staff/complaints/open", handler: a.page(a.staffOpen, handlers)},
		get("/staff/complaints/{id}", a.staffComplaint, handlers),
		post("/staff/complaints/{id}/answer", a.staffAnswer, handlers),
		post("/staff/complaints/{id}/extend", a.staffExtend, handlers),
		post("/staff/complaints/{id}/transfer", a.staffTransfer, handlers),
		post("/staff/complaints/{id}/assign", a.staffAssign, handlers),
		get("/staff/content", a.staffContent, handlers),
		get("/staff/content/new", a.newItem, handlers),
		post("/staff/content", a.createItem, handlers),
		get("/staff/content/{id}", a.editItem, handlers),
		post("/staff/content/{id}", a.updateItem, handlers),
		post("/staff/content/{id}/{step}", a.itemStep, handlers),
		get("/staff/scorecard", a.scorecard, handlers),
		get("/staff/moderation", a.modQueue, moderators),
		get("/staff/moderation/{type}/{id}", a.modCase, moderators),
		post("/staff/moderation/{type}/{id}", a.decide, moderators),
		get("/staff/moderation/appeals", a.appeals, moderators),
		post("/staff/moderation/appeals/{id}", a.decideAppeal, moderators),
		get("/staff/privacy", a.officer, officers),
		get("/staff/privacy/verification", a.verifyLog, officers),
		get("/staff/privacy/disclosures/{id}", a.disclosure, officers),
		post("/staff/privacy/disclosures/{id}", a.decideDisclosure, officers),
		get("/staff/admin/rules", a.adminRules, admins),
		post("/staff/admin/rules", a.publishRule, admins),
		post("/staff/admin/validity", a.setValidity, admins),
		get("/staff/admin/budgets", a.adminBudgets, admins),
		post("/staff/admin/budgets", a.setBudget, admins),
		get("/staff/admin/holidays", a.adminHolidays, admins),
		post("/staff/admin/holidays", a.amendHolidays, admins),
		get("/staff/admin/departments", a.adminDepartments, admins),
		post("/staff/admin/departments", a.putDepartment, admins),
		get("/staff/admin/roles", a.adminRoles, admins),
		{pattern: "GET /lang", handler: http.HandlerFunc(a.switchLang)},
		{pattern: "GET /static/{name}", handler: a.assets},
		{pattern: "GET /healthz", handler: http.HandlerFunc(healthz)},
	}
	return rs
}

// Handler is the whole site with its middleware.
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range a.routes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	mux.Handle("/", a.page(notFound, public))
	return a.observe(a.secure(mux))
}

// Pages lists the patterns of the HTML pages (without the method).
func (a *App) Pages() []string {
	var out []string
	for _, rt := range a.routes() {
		if rt.page {
			out = append(out, strings.TrimPrefix(rt.pattern, "GET "))
		}
	}
	return out
}

func healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}`))
}
