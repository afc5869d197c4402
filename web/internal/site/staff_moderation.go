package site

import (
	"strconv"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// The moderation queue (A5): open cases with the screening evidence and
// reports, decisions on the nine grounds with a statement of reasons, and
// appeals decided by a moderator other than the one who removed.

// moderators may moderate; the board service decides the rest.
var moderators = []string{roleModerator, roleAdmin}

// queueScan bounds how many pages of the queue a case page reads.
const queueScan = 5

func (a *App) modQueue(rq *req) error {
	res, err := rq.api.ListModerationQueueItems(rq.ctx(), &boardv1.ListModerationQueueItemsRequest{PageSize: 50,
		PageToken: rq.r.URL.Query().Get("page_token")})
	if err != nil {
		return err
	}
	return rq.render("staff_modqueue", "mod.title", "staff", res)
}

type caseData struct {
	Item     *boardv1.QueueItem
	Post     *boardv1.Post
	Grounds  []view.Option
	Outcomes []view.Option
	Type     string
}

// modCase shows one case: the text, the screening evidence and reports,
// and the decision form.
func (a *App) modCase(rq *req) error {
	typ, id := rq.r.PathValue("type"), rq.r.PathValue("id")
	item, err := findCase(rq, id)
	if err != nil {
		return err
	}
	if item == nil {
		return notFound(rq)
	}
	d := caseData{Item: item, Grounds: groundOptions(rq), Type: typ, Outcomes: []view.Option{
		{Value: boardv1.Outcome_OUTCOME_KEEP.String(), Label: rq.T("mod.keep")},
		{Value: boardv1.Outcome_OUTCOME_HIDE.String(), Label: rq.T("mod.hide")},
		{Value: boardv1.Outcome_OUTCOME_REMOVE.String(), Label: rq.T("mod.remove")}}}
	if typ == "post" {
		p, err := rq.api.GetPost(rq.ctx(), &boardv1.GetPostRequest{PostId: id})
		if err != nil {
			return err
		}
		d.Post = p
	}
	return rq.render("staff_modcase", "mod.case_title", "staff", d)
}

// findCase looks for a target in the first pages of the queue (the queue
// has no read of a single case).
func findCase(rq *req, target string) (*boardv1.QueueItem, error) {
	token := ""
	for range queueScan {
		res, err := rq.api.ListModerationQueueItems(rq.ctx(), &boardv1.ListModerationQueueItemsRequest{PageSize: 100, PageToken: token})
		if err != nil {
			return nil, err
		}
		for _, it := range res.GetQueueItems() {
			if it.GetTargetId() == target {
				return it, nil
			}
		}
		if token = res.GetNextPageToken(); token == "" {
			return nil, nil
		}
	}
	return nil, nil
}

func (a *App) decide(rq *req) error {
	typ, id, f := rq.r.PathValue("type"), rq.r.PathValue("id"), rq.r.PostForm
	target := boardv1.TargetType_TARGET_TYPE_POST
	if typ == "comment" {
		target = boardv1.TargetType_TARGET_TYPE_COMMENT
	}
	days, _ := strconv.Atoi(f.Get("hide_days"))
	_, err := rq.api.DecideModeration(rq.ctx(), &boardv1.DecideModerationRequest{TargetType: target, TargetId: id,
		Outcome: boardv1.Outcome(boardv1.Outcome_value[f.Get("outcome")]), Ground: f.Get("ground"),
		PublicExplanation: f.Get("public_explanation"), Facts: f.Get("facts"), HideDays: int32(days), Etag: f.Get("etag")})
	if _, ok := rq.refused("decide", err); ok {
		return a.modCase(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/moderation", rq.T("mod.decided"))
}

type appealsData struct {
	Appeals  []*boardv1.Appeal
	Choices  []view.Option
	Selected *boardv1.Appeal
}

func (a *App) appeals(rq *req) error {
	res, err := rq.api.ListAppeals(rq.ctx(), &boardv1.ListAppealsRequest{Status: boardv1.AppealStatus_APPEAL_STATUS_PENDING, PageSize: 50})
	if err != nil {
		return err
	}
	d := appealsData{Appeals: res.GetAppeals(), Choices: []view.Option{{Value: "uphold", Label: rq.T("appeal.uphold")},
		{Value: "reverse", Label: rq.T("appeal.reverse")}}}
	return rq.render("staff_appeals", "appeals.title", "staff", d)
}

func (a *App) decideAppeal(rq *req) error {
	f := rq.r.PostForm
	form := "appeal-" + rq.r.PathValue("id")
	if c := f.Get("decision"); c != "uphold" && c != "reverse" {
		fm := view.NewForm(form, f)
		fm.Fail("decision", rq.T("appeal.choose"))
		rq.reject(fm)
		return a.appeals(rq)
	}
	_, err := rq.api.DecideAppeal(rq.ctx(), &boardv1.DecideAppealRequest{AppealId: rq.r.PathValue("id"),
		Reverse: f.Get("decision") == "reverse", Resolution: f.Get("resolution")})
	if _, ok := rq.refused(form, err); ok {
		return a.appeals(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/staff/moderation/appeals", rq.T("appeal.decided"))
}
