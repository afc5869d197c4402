package site

import (
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/web/internal/session"
	"github.com/seoul-gov/homepage/web/internal/view"
)

// Boards (A3.1.4, A5): posting, editing and withdrawing, comments,
// reports, tombstones in place of removed posts, appeals.

// pageSize is the length of the site's lists.
const pageSize = 20

func (a *App) boards(rq *req) error {
	res, err := rq.api.ListBoards(rq.ctx())
	if err != nil {
		return err
	}
	return rq.render("boards", "boards.title", "boards", res.GetBoards())
}

type boardData struct {
	Board     *boardv1.Board
	Posts     []*boardv1.Post
	Next      string
	RequestID string
}

func (a *App) board(rq *req) error {
	id := rq.r.PathValue("id")
	b, err := rq.api.GetBoard(rq.ctx(), &boardv1.GetBoardRequest{BoardId: id})
	if err != nil {
		return err
	}
	posts, err := rq.api.ListPosts(rq.ctx(), &boardv1.ListPostsRequest{BoardId: id, PageSize: pageSize,
		PageToken: rq.r.URL.Query().Get("page_token")})
	if err != nil {
		return err
	}
	d := boardData{Board: b, Posts: posts.GetPosts(), Next: posts.GetNextPageToken(),
		RequestID: formRequestID(rq.page.Form("post"))}
	return rq.renderTitled("board", b.GetName(), "boards", d)
}

// createPost posts on a board; the form's request id makes a second
// submission of the same form return the first post.
func (a *App) createPost(rq *req) error {
	f := rq.r.PostForm
	in := &boardv1.CreatePostRequest{BoardId: rq.r.PathValue("id"), RequestId: f.Get("request_id"),
		Title: f.Get("title"), Body: f.Get("body")}
	res, err := rq.api.CreatePost(rq.ctx(), in)
	if _, ok := rq.refused("post", err); ok {
		return a.board(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/posts/"+res.GetId(), postedFlash(rq, res.GetPersonalDataMasked(), "post.created"))
}

// postedFlash tells the author their text was stored, and that personal
// data in it was masked first when it was.
func postedFlash(rq *req, masked bool, id string) string {
	if masked {
		return rq.T(id) + " " + rq.T("post.masked")
	}
	return rq.T(id)
}

type postData struct {
	Post       *boardv1.Post
	Board      *boardv1.Board
	Comments   []*boardv1.Comment
	Grounds    []view.Option
	RequestID  string
	CanAppeal  bool
	CanReport  bool
	CanComment bool
}

func (a *App) post(rq *req) error {
	id := rq.r.PathValue("id")
	p, err := rq.api.GetPost(rq.ctx(), &boardv1.GetPostRequest{PostId: id})
	if err != nil {
		return err
	}
	post := p
	b, err := rq.api.GetBoard(rq.ctx(), &boardv1.GetBoardRequest{BoardId: post.GetBoardId()})
	if err != nil {
		return err
	}
	cs, err := rq.api.ListComments(rq.ctx(), &boardv1.ListCommentsRequest{PostId: id, PageSize: 100})
	if err != nil {
		return err
	}
	visible := post.GetStatus() == boardv1.ItemStatus_ITEM_STATUS_VISIBLE
	d := postData{Post: post, Board: b, Comments: cs.GetComments(), Grounds: groundOptions(rq),
		RequestID: formRequestID(rq.page.Form("comment")), CanComment: visible && rq.user() != nil,
		CanReport: visible && rq.user() != nil && !post.GetMine(),
		CanAppeal: post.GetMine() && post.GetTombstone().GetDecisionId() != ""}
	title := post.GetTitle()
	if title == "" {
		title = rq.T("post.removed_title")
	}
	return rq.renderTitled("post", title, "boards", d)
}

func (a *App) editPostPage(rq *req) error {
	p, err := rq.api.GetPost(rq.ctx(), &boardv1.GetPostRequest{PostId: rq.r.PathValue("id")})
	if err != nil {
		return err
	}
	f := rq.page.Form("edit")
	if !f.Failed() {
		f.Values.Set("title", p.GetTitle())
		f.Values.Set("body", p.GetBody())
		f.Values.Set("etag", p.GetEtag())
	}
	return rq.render("post_edit", "post.edit_title", "boards", p)
}

// editPost sends only what changed, conditional on the version the
// author edited (a change made meanwhile is refused, not overwritten).
func (a *App) editPost(rq *req) error {
	f := rq.r.PostForm
	cur, err := rq.api.GetPost(rq.ctx(), &boardv1.GetPostRequest{PostId: rq.r.PathValue("id")})
	if err != nil {
		return err
	}
	changed, mask := &boardv1.Post{Title: f.Get("title"), Body: f.Get("body")}, &fieldmaskpb.FieldMask{}
	if changed.Title != cur.GetTitle() {
		mask.Paths = append(mask.Paths, "title")
	}
	if changed.Body != cur.GetBody() {
		mask.Paths = append(mask.Paths, "body")
	}
	if len(mask.Paths) == 0 {
		return rq.redirect("/posts/"+cur.GetId(), rq.T("edit.unchanged"))
	}
	res, err := rq.api.EditPost(rq.ctx(), &boardv1.EditPostRequest{PostId: rq.r.PathValue("id"), Post: changed,
		UpdateMask: mask, Etag: f.Get("etag")})
	if _, ok := rq.refused("edit", err); ok {
		return a.editPostPage(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/posts/"+res.GetPost().GetId(), postedFlash(rq, res.GetPost().GetPersonalDataMasked(), "post.edited"))
}

func (a *App) withdrawPost(rq *req) error {
	id := rq.r.PathValue("id")
	_, err := rq.api.WithdrawPost(rq.ctx(), &boardv1.WithdrawPostRequest{PostId: id, Etag: rq.r.PostForm.Get("etag")})
	if err != nil {
		return err
	}
	return rq.redirect("/posts/"+id, rq.T("post.withdrawn_done"))
}

func (a *App) createComment(rq *req) error {
	id := rq.r.PathValue("id")
	f := rq.r.PostForm
	res, err := rq.api.CreateComment(rq.ctx(), &boardv1.CreateCommentRequest{PostId: id, RequestId: f.Get("request_id"), Body: f.Get("body")})
	if _, ok := rq.refused("comment", err); ok {
		return a.post(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/posts/"+id+"#comments", postedFlash(rq, res.GetPersonalDataMasked(), "comment.created"))
}

func (a *App) withdrawComment(rq *req) error {
	post := rq.r.PostForm.Get("post")
	_, err := rq.api.WithdrawComment(rq.ctx(), &boardv1.WithdrawCommentRequest{CommentId: rq.r.PathValue("id"),
		Etag: rq.r.PostForm.Get("etag")})
	if err != nil {
		return err
	}
	return rq.redirect(localPath("/posts/"+post)+"#comments", rq.T("comment.withdrawn_done"))
}

// report reports a post under a ground of Article 5.
func (a *App) report(rq *req) error {
	id := rq.r.PathValue("id")
	f := rq.r.PostForm
	res, err := rq.api.FileReport(rq.ctx(), &boardv1.FileReportRequest{TargetType: boardv1.TargetType_TARGET_TYPE_POST,
		TargetId: id, Ground: f.Get("ground"), Text: f.Get("text")})
	if _, ok := rq.refused("report", err); ok {
		return a.post(rq)
	}
	if err != nil {
		return err
	}
	msg := rq.T("report.filed")
	if res.GetDuplicate() {
		msg = rq.T("report.duplicate")
	}
	return rq.redirect("/posts/"+id, msg)
}

// appeal appeals the removal of the author's own post.
func (a *App) appeal(rq *req) error {
	id := rq.r.PathValue("id")
	f := rq.r.PostForm
	_, err := rq.api.FileAppeal(rq.ctx(), &boardv1.FileAppealRequest{DecisionId: f.Get("decision_id"), Reason: f.Get("reason")})
	if _, ok := rq.refused("appeal", err); ok {
		return a.post(rq)
	}
	if err != nil {
		return err
	}
	return rq.redirect("/posts/"+id, rq.T("appeal.filed"))
}

// grounds are the nine grounds of Article 5.
var grounds = []string{"A5.1", "A5.2", "A5.3", "A5.4", "A5.5", "A5.6", "A5.7", "A5.8", "A5.9"}

func groundOptions(rq *req) []view.Option {
	out := []view.Option{{Value: "", Label: rq.T("ground.choose")}}
	for _, g := range grounds {
		out = append(out, view.Option{Value: g, Label: rq.T("ground." + g)})
	}
	return out
}

// formRequestID keeps a form's request id across a refused submission, or
// starts one for a fresh form: the create it sends happens once however
// often the visitor submits it.
func formRequestID(f *view.Form) string {
	if id := f.Get("request_id"); id != "" {
		return id
	}
	return session.Random()[:22]
}
