package site

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	typev1 "github.com/seoul-gov/homepage/gen/seoul/type/v1"
	"github.com/seoul-gov/homepage/web/internal/api"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// The administrators' pages: the point rules, the events' programme
// budgets, the holiday table the complaint clock counts with, departments,
// and the roles (which the identity provider grants).

var admins = []string{roleAdmin}

// earningActions are the actions the mileage rules price (see the
// mileage service's EarningRule.action).
var earningActions = []string{"post_created", "comment_created", "feedback_given", "complaint_answered", "event_entry", "event_prize"}

type rulesAdminData struct {
	Rules   *mileagev1.Rules
	Actions []view.Option
}

func (a *App) adminRules(rq *req) error {
	rules, err := rq.api.GetRules(rq.ctx())
	if err != nil {
		return err
	}
	d := rulesAdminData{Rules: rules}
	for _, act := range earningActions {
		d.Actions = append(d.Actions, view.Option{Value: act, Label: rq.page.Word("action", act)})
	}
	return rq.render("admin_rules", "admin.rules_title", "staff", d)
}

func (a *App) publishRule(rq *req) error {
	f := rq.r.PostForm
	form := view.NewForm("rule", f)
	ints := map[string]int64{}
	for _, name := range []string{"points", "daily_cap", "monthly_cap", "yearly_cap", "weight_percent"} {
		ints[name] = formInt(rq, form, name)
	}
	from := formTime(rq, form, "effective_time")
	if form.Failed() {
		rq.reject(form)
		return a.adminRules(rq)
	}
	_, err := rq.api.PublishRule(rq.ctx(), &mileagev1.PublishRuleRequest{Action: f.Get("action"), Points: ints["points"],
		DailyCap: int32(ints["daily_cap"]), MonthlyCap: int32(ints["monthly_cap"]), YearlyCap: int32(ints["yearly_cap"]),
		WeightPercent: int32(ints["weight_percent"]), EffectiveTime: from,
		Description: formTexts(f, "description"), Reason: f.Get("reason")})
	if form, ok := rq.refused("rule", err); ok {
		reassignTexts(form, "description")
		return a.adminRules(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/admin/rules", rq.T("admin.rule_published"))
}

// formInt reads a whole number field, marking it when it is not one (an
// empty field is 0, which the service judges).
func formInt(rq *req, form *view.Form, name string) int64 {
	s := strings.TrimSpace(form.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		form.Fail(name, rq.T("form.number"))
	}
	return n
}

// formTime reads a datetime-local field as Seoul time (nil when empty).
func formTime(rq *req, form *view.Form, name string) *timestamppb.Timestamp {
	s := strings.TrimSpace(form.Get(name))
	if s == "" {
		return nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, view.Seoul)
	if err != nil {
		form.Fail(name, rq.T("form.datetime"))
		return nil
	}
	return timestamppb.New(t)
}

// setValidity sets the validity period of newly earned points (A8.2).
func (a *App) setValidity(rq *req) error {
	f := rq.r.PostForm
	form := view.NewForm("validity", f)
	days, notice := formInt(rq, form, "validity_days"), formInt(rq, form, "expiry_notice_days")
	from := formTime(rq, form, "effective_time")
	if form.Failed() {
		rq.reject(form)
		return a.adminRules(rq)
	}
	_, err := rq.api.SetValidity(rq.ctx(), &mileagev1.SetValidityRequest{ValidityDays: int32(days),
		ExpiryNoticeDays: int32(notice), EffectiveTime: from, Reason: f.Get("reason")})
	if _, ok := rq.refused("validity", err); ok {
		return a.adminRules(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/admin/rules", rq.T("admin.validity_set"))
}

func (a *App) adminBudgets(rq *req) error {
	year := time.Now().In(view.Seoul).Year()
	if y, err := strconv.Atoi(rq.r.URL.Query().Get("year")); err == nil {
		year = y
	}
	res, err := rq.api.GetBudgetReport(rq.ctx(), &eventv1.GetBudgetReportRequest{Year: int32(year)})
	report := res
	switch {
	case api.StatusOf(err) == http.StatusNotFound:
		report = &eventv1.BudgetReport{Year: int32(year)} // no budget set for the year yet
	case err != nil:
		return err
	}
	f := rq.page.Form("budget")
	if !f.Failed() {
		f.Values.Set("year", strconv.Itoa(year))
	}
	return rq.render("admin_budgets", "admin.budgets_title", "staff", report)
}

func (a *App) setBudget(rq *req) error {
	form := view.NewForm("budget", rq.r.PostForm)
	year, amount := formInt(rq, form, "year"), formInt(rq, form, "amount")
	if form.Failed() {
		rq.reject(form)
		return a.adminBudgets(rq)
	}
	_, err := rq.api.SetProgrammeBudget(rq.ctx(), &eventv1.SetProgrammeBudgetRequest{Year: int32(year), Amount: amount})
	if _, ok := rq.refused("budget", err); ok {
		return a.adminBudgets(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/admin/budgets?year="+strconv.FormatInt(year, 10), rq.T("admin.budget_set"))
}

func (a *App) adminHolidays(rq *req) error {
	res, err := rq.api.GetHolidayTable(rq.ctx(), &petitionv1.GetHolidayTableRequest{})
	if err != nil {
		return err
	}
	return rq.render("admin_holidays", "admin.holidays_title", "staff", res)
}

func (a *App) amendHolidays(rq *req) error {
	f := rq.r.PostForm
	in := &petitionv1.AmendHolidayTableRequest{Reason: f.Get("reason"), Source: f.Get("source"), CoversTo: f.Get("covers_to")}
	if d := strings.TrimSpace(f.Get("add[0].date")); d != "" || f.Get("add[0].name") != "" {
		in.Add = []*petitionv1.Holiday{{Date: d, Name: f.Get("add[0].name")}}
	}
	if d := strings.TrimSpace(f.Get("remove[0]")); d != "" {
		in.Remove = []string{d}
	}
	_, err := rq.api.AmendHolidayTable(rq.ctx(), in)
	if _, ok := rq.refused("holiday", err); ok {
		return a.adminHolidays(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/admin/holidays", rq.T("admin.holidays_amended"))
}

func (a *App) adminDepartments(rq *req) error {
	res, err := rq.api.ListDepartments(rq.ctx())
	if err != nil {
		return err
	}
	return rq.render("admin_departments", "admin.departments_title", "staff", res.GetDepartments())
}

func (a *App) putDepartment(rq *req) error {
	f := rq.r.PostForm
	if strings.TrimSpace(f.Get("code")) == "" {
		// The code is the address of the department (PUT /v1/departments/{code}).
		rq.rejectField("department", "code", "form.required")
		return a.adminDepartments(rq)
	}
	_, err := rq.api.PutDepartment(rq.ctx(), &contentv1.PutDepartmentRequest{Code: strings.TrimSpace(f.Get("code")),
		NameKo: f.Get("name_ko"), NameEn: f.Get("name_en"), ParentCode: f.Get("parent_code"), Phone: f.Get("phone"), Email: f.Get("email")})
	if _, ok := rq.refused("department", err); ok {
		return a.adminDepartments(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/admin/departments", rq.T("admin.department_saved"))
}

// adminRoles explains who holds which role: roles are claims of the city's
// identity provider, which the suite has no API to grant.
func (a *App) adminRoles(rq *req) error {
	return rq.render("admin_roles", "admin.roles_title", "staff", devRoles)
}

// staffHome is the console's start page, by role.
func (a *App) staffHome(rq *req) error {
	return rq.render("staff", "staff.title", "staff", nil)
}

// textLanguages are the languages of a public text's inputs (A2):
// <name>_ko, <name>_en, <name>_zh, <name>_ja.
var textLanguages = []string{"ko", "en", "zh", "ja"}

// formTexts is a public text typed in the inputs of its languages; a
// blank input leaves its language as it is (a new version of a rule
// carries the others over).
func formTexts(f url.Values, name string) *typev1.LocalizedText {
	out := &typev1.LocalizedText{Texts: map[string]string{}}
	for _, lang := range textLanguages {
		if s := strings.TrimSpace(f.Get(name + "_" + lang)); s != "" {
			out.Texts[lang] = s
		}
	}
	return out
}

// reassignTexts shows the API's verdict on one language of a text
// (description.texts.ja) on that language's input.
func reassignTexts(form *view.Form, name string) {
	for _, lang := range textLanguages {
		form.Reassign(name+".texts."+lang, []string{name + "_" + lang})
	}
}
