package site

import (
	"cmp"
	"slices"
	"strings"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Information pages (A3.1, A4): the home page with the latest information
// by department, Korean search, departments and items.

// homeLatest is how many recent items the home page reads, and perDept
// how many of each department it shows.
const (
	homeLatest = 50
	perDept    = 3
)

type deptGroup struct {
	Department *contentv1.Department
	Items      []*contentv1.Item
}

type homeData struct {
	Groups []deptGroup
	Query  string
}

func (a *App) home(rq *req) error {
	items, err := rq.api.ListItems(rq.ctx(), &contentv1.ListItemsRequest{PageSize: homeLatest})
	if err != nil {
		return err
	}
	return rq.render("home", "home.title", "info", homeData{Groups: byDepartment(items.GetItems())})
}

// byDepartment groups items (newest first) by department, departments in
// the order of their newest item, a few items each.
func byDepartment(items []*contentv1.Item) []deptGroup {
	var groups []deptGroup
	at := map[string]int{}
	for _, it := range items {
		code := it.GetDepartment().GetCode()
		i, ok := at[code]
		if !ok {
			i = len(groups)
			at[code] = i
			groups = append(groups, deptGroup{Department: it.GetDepartment()})
		}
		if len(groups[i].Items) < perDept {
			groups[i].Items = append(groups[i].Items, it)
		}
	}
	return groups
}

type searchData struct {
	Query string
	Items []*contentv1.Item
	Next  string
	Done  bool
}

func (a *App) search(rq *req) error {
	q := strings.TrimSpace(rq.r.URL.Query().Get("q"))
	d := searchData{Query: q}
	if q == "" {
		return rq.render("search", "search.title", "info", d)
	}
	res, err := rq.api.SearchItems(rq.ctx(), &contentv1.SearchItemsRequest{Query: q, PageSize: 20,
		PageToken: rq.r.URL.Query().Get("page_token")})
	if _, ok := rq.refused("search", err); ok {
		return rq.render("search", "search.title", "info", d)
	}
	if err != nil {
		return err
	}
	d.Items, d.Next, d.Done = res.GetItems(), res.GetNextPageToken(), true
	return rq.render("search", "search.title", "info", d)
}

type itemData struct {
	Item            *contentv1.Item
	FeedbackChoices []view.Option
	Language        string
	// Languages are the item's languages: Korean, then its translations.
	Languages []itemLang
}

type itemLang struct {
	Tag     string
	Stale   bool
	Current bool
}

func (a *App) item(rq *req) error {
	lang := rq.r.URL.Query().Get("lang")
	if lang == "" {
		lang = rq.loc.Lang
	}
	res, err := rq.api.GetItemBySlug(rq.ctx(), &contentv1.GetItemBySlugRequest{Slug: rq.r.PathValue("slug"), Language: lang})
	if err != nil {
		return err
	}
	return a.itemPage(rq, res, lang)
}

func (a *App) itemPage(rq *req, it *contentv1.Item, lang string) error {
	d := itemData{Item: it, Language: lang, Languages: []itemLang{{Tag: "ko", Current: lang == "ko"}},
		FeedbackChoices: []view.Option{{Value: "yes", Label: rq.T("feedback.yes")}, {Value: "no", Label: rq.T("feedback.no")}}}
	for _, t := range it.GetTranslations() {
		d.Languages = append(d.Languages, itemLang{Tag: t.GetLanguage(), Stale: t.GetStale(), Current: lang == t.GetLanguage()})
	}
	return rq.renderTitled("item", it.GetText().GetTitle(), "info", d)
}

// feedback records whether the item helped (A3.3).
func (a *App) feedback(rq *req) error {
	slug := rq.r.PathValue("slug")
	res, err := rq.api.GetItemBySlug(rq.ctx(), &contentv1.GetItemBySlugRequest{Slug: slug, Language: rq.loc.Lang})
	if err != nil {
		return err
	}
	in := &contentv1.SubmitFeedbackRequest{ItemId: res.GetId(),
		Helpful: rq.r.PostForm.Get("helpful") == "yes", Comment: rq.r.PostForm.Get("comment")}
	if rq.r.PostForm.Get("helpful") == "" {
		rq.rejectField("feedback", "helpful", "feedback.choose")
		return a.itemPage(rq, res, rq.loc.Lang)
	}
	_, err = rq.api.SubmitFeedback(rq.ctx(), in)
	if _, ok := rq.refused("feedback", err); ok {
		return a.itemPage(rq, res, rq.loc.Lang)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/items/"+slug, rq.T("feedback.thanks"))
}

type deptData struct {
	Department *contentv1.Department
	Items      []*contentv1.Item
	Others     []*contentv1.Department
}

func (a *App) department(rq *req) error {
	code := rq.r.PathValue("code")
	deps, err := rq.api.ListDepartments(rq.ctx())
	if err != nil {
		return err
	}
	d := deptData{Others: deps.GetDepartments()}
	for _, dep := range deps.GetDepartments() {
		if dep.GetCode() == code {
			d.Department = dep
		}
	}
	if d.Department == nil {
		return notFound(rq)
	}
	items, err := rq.api.ListItems(rq.ctx(), &contentv1.ListItemsRequest{DepartmentCode: code, PageSize: 50})
	if err != nil {
		return err
	}
	d.Items = items.GetItems()
	slices.SortStableFunc(d.Others, func(x, y *contentv1.Department) int { return cmp.Compare(x.GetNameKo(), y.GetNameKo()) })
	return rq.renderTitled("department", deptName(rq, d.Department), "info", d)
}

// deptName is a department's name in the visitor's language.
func deptName(rq *req, d *contentv1.Department) string {
	if rq.loc.Lang == "en" && d.GetNameEn() != "" {
		return d.GetNameEn()
	}
	return d.GetNameKo()
}
