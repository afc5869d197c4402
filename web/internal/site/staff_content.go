package site

import (
	"strings"

	"google.golang.org/protobuf/types/known/fieldmaskpb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// The staff console's content editing (A4): a department's items by
// state, review reminders for stale items, editing in Korean and English,
// the workflow, and the scorecard.

// editedLangs are the languages the editing form offers; other languages
// of an item are kept, since an update names only what it changes.
var editedLangs = []string{"ko", "en"}

// textFields are an item's translatable fields.
var textFields = []string{"title", "summary", "body"}

type contentData struct {
	Department string
	Drafts     []*contentv1.Item
	InReview   []*contentv1.Item
	Published  []*contentv1.Item
	Stale      []*contentv1.Item
	Feedback   *contentv1.ListFeedbackResponse
}

func (a *App) staffContent(rq *req) error {
	dept := staffDepartment(rq)
	d := contentData{Department: dept}
	if dept == "" {
		return rq.render("staff_content", "content.title", "staff", d)
	}
	lists := []struct {
		status contentv1.ItemStatus
		into   *[]*contentv1.Item
	}{{contentv1.ItemStatus_ITEM_STATUS_DRAFT, &d.Drafts}, {contentv1.ItemStatus_ITEM_STATUS_IN_REVIEW, &d.InReview},
		{contentv1.ItemStatus_ITEM_STATUS_PUBLISHED, &d.Published}}
	for _, l := range lists {
		res, err := rq.api.ListItems(rq.ctx(), &contentv1.ListItemsRequest{DepartmentCode: dept, Status: l.status, PageSize: 50})
		if err != nil {
			return err
		}
		*l.into = res.GetItems()
	}
	stale, err := rq.api.ListStaleItems(rq.ctx(), &contentv1.ListStaleItemsRequest{DepartmentCode: dept, PageSize: 50})
	if err != nil {
		return err
	}
	d.Stale = stale.GetItems()
	if d.Feedback, err = rq.api.ListFeedback(rq.ctx(), &contentv1.ListFeedbackRequest{DepartmentCode: dept, PageSize: 20}); err != nil {
		return err
	}
	return rq.render("staff_content", "content.title", "staff", d)
}

// staffDepartment is the department a staff page works for: the
// official's own, or the one an admin picked.
func staffDepartment(rq *req) string {
	if q := rq.r.URL.Query().Get("department"); q != "" && rq.user().Has(roleAdmin) {
		return q
	}
	return rq.user().Department
}

type itemFormData struct {
	Item      *contentv1.Item
	Kinds     []view.Option
	RequestID string
	Langs     []string
	Fields    []string
	Revisions []*contentv1.Revision
	// Steps are the workflow actions the item's status allows.
	Steps []string
}

func itemSteps(s contentv1.ItemStatus) []string {
	switch s {
	case contentv1.ItemStatus_ITEM_STATUS_DRAFT:
		return []string{"submit", "archive"}
	case contentv1.ItemStatus_ITEM_STATUS_IN_REVIEW:
		return []string{"publish", "archive"}
	case contentv1.ItemStatus_ITEM_STATUS_PUBLISHED:
		return []string{"confirm", "archive"}
	}
	return nil
}

func kindOptions(rq *req) []view.Option {
	var out []view.Option
	for n := int32(1); n < int32(len(contentv1.Kind_name)); n++ {
		out = append(out, view.Option{Value: contentv1.Kind(n).String(), Label: rq.page.Enum(contentv1.Kind(n))})
	}
	return out
}

func (a *App) newItem(rq *req) error {
	d := itemFormData{Kinds: kindOptions(rq), RequestID: formRequestID(rq.page.Form("item")), Langs: editedLangs, Fields: textFields}
	return rq.render("staff_item", "content.new_title", "staff", d)
}

func (a *App) createItem(rq *req) error {
	f := rq.r.PostForm
	in := &contentv1.CreateItemRequest{RequestId: f.Get("request_id"), DepartmentCode: rq.user().Department,
		Kind: contentv1.Kind(contentv1.Kind_value[f.Get("kind")]), Slug: f.Get("slug"), Tags: splitTags(f.Get("tags")),
		Title: texts(f.Get, "title"), Summary: texts(f.Get, "summary"), Body: texts(f.Get, "body")}
	res, err := rq.api.CreateItem(rq.ctx(), in)
	if _, ok := rq.refused("item", err); ok {
		return a.newItem(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/content/"+res.GetId(), rq.T("content.created"))
}

// texts collects a field's non-empty languages from the form (title.ko, title.en).
func texts(get func(string) string, field string) map[string]string {
	out := map[string]string{}
	for _, l := range editedLangs {
		if v := get(field + "." + l); v != "" {
			out[l] = v
		}
	}
	return out
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func (a *App) editItem(rq *req) error {
	id := rq.r.PathValue("id")
	res, err := rq.api.GetItem(rq.ctx(), &contentv1.GetItemRequest{ItemId: id, View: contentv1.ItemView_ITEM_VIEW_EDITOR})
	if err != nil {
		return err
	}
	it := res
	if f := rq.page.Form("item"); !f.Failed() {
		fillItemForm(f, it)
	}
	revs, err := rq.api.ListItemRevisions(rq.ctx(), &contentv1.ListItemRevisionsRequest{ItemId: id})
	if err != nil {
		return err
	}
	d := itemFormData{Item: it, Kinds: kindOptions(rq), Langs: editedLangs, Fields: textFields, Revisions: revs.GetRevisions(),
		Steps: itemSteps(it.GetStatus())}
	return rq.renderTitled("staff_item", it.GetText().GetTitle(), "staff", d)
}

// fillItemForm puts an item's current values in the editing form.
func fillItemForm(f *view.Form, it *contentv1.Item) {
	f.Values.Set("kind", it.GetKind().String())
	f.Values.Set("slug", it.GetSlug())
	f.Values.Set("tags", strings.Join(it.GetTags(), ", "))
	f.Values.Set("etag", it.GetEtag())
	for _, t := range it.GetTexts() {
		f.Values.Set("title."+t.GetLanguage(), t.GetTitle())
		f.Values.Set("summary."+t.GetLanguage(), t.GetSummary())
		f.Values.Set("body."+t.GetLanguage(), t.GetBody())
	}
}

// updateItem sends the fields the editor changed, naming them in the
// update mask (title.en, tags), conditional on the version they edited.
func (a *App) updateItem(rq *req) error {
	id, f := rq.r.PathValue("id"), rq.r.PostForm
	cur, err := rq.api.GetItem(rq.ctx(), &contentv1.GetItemRequest{ItemId: id, View: contentv1.ItemView_ITEM_VIEW_EDITOR})
	if err != nil {
		return err
	}
	was := view.NewForm("was", nil)
	fillItemForm(was, cur)
	content := &contentv1.ItemContent{Kind: contentv1.Kind(contentv1.Kind_value[f.Get("kind")]), Slug: f.Get("slug"),
		Tags: splitTags(f.Get("tags")), Title: texts(f.Get, "title"), Summary: texts(f.Get, "summary"), Body: texts(f.Get, "body")}
	mask := changedPaths(was.Values.Get, f.Get)
	if len(mask) == 0 {
		return rq.redirect("/staff/content/"+id, rq.T("edit.unchanged"))
	}
	_, err = rq.api.UpdateItem(rq.ctx(), &contentv1.UpdateItemRequest{ItemId: id, Item: content, Etag: f.Get("etag"),
		UpdateMask: &fieldmaskpb.FieldMask{Paths: mask}, ChangeNote: f.Get("change_note")})
	if _, ok := rq.refused("item", err); ok {
		return a.editItem(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/content/"+id, rq.T("content.saved"))
}

// changedPaths compares the form with the item as it was.
func changedPaths(was, now func(string) string) []string {
	var out []string
	for _, p := range []string{"kind", "slug", "tags"} {
		if strings.TrimSpace(was(p)) != strings.TrimSpace(now(p)) {
			out = append(out, p)
		}
	}
	for _, fl := range textFields {
		for _, l := range editedLangs {
			if p := fl + "." + l; was(p) != now(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// itemStep moves an item through its workflow (submit, publish, confirm
// it is current, archive).
func (a *App) itemStep(rq *req) error {
	id, etag := rq.r.PathValue("id"), rq.r.PostForm.Get("etag")
	var err error
	switch step := rq.r.PathValue("step"); step {
	case "submit":
		_, err = rq.api.SubmitItemForReview(rq.ctx(), &contentv1.SubmitItemForReviewRequest{ItemId: id, Etag: etag})
	case "publish":
		_, err = rq.api.PublishItem(rq.ctx(), &contentv1.PublishItemRequest{ItemId: id, Etag: etag})
	case "confirm":
		_, err = rq.api.ConfirmItemCurrent(rq.ctx(), &contentv1.ConfirmItemCurrentRequest{ItemId: id, Etag: etag})
	case "archive":
		_, err = rq.api.ArchiveItem(rq.ctx(), &contentv1.ArchiveItemRequest{ItemId: id, Etag: etag})
	default:
		return notFound(rq)
	}
	if _, ok := rq.refused("step", err); ok {
		return a.editItem(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/content/"+id, rq.T("content.step."+rq.r.PathValue("step")))
}

func (a *App) scorecard(rq *req) error {
	res, err := rq.api.GetScorecard(rq.ctx(), &contentv1.GetScorecardRequest{})
	if err != nil {
		return err
	}
	return rq.render("staff_scorecard", "scorecard.title", "staff", res)
}
