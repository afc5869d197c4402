package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// NewPost is a post as submitted.
type NewPost struct {
	BoardID, RequestID, Title, Body string
}

// CreatePost screens and stores a post. On a real-name board it needs the
// real-name claim and a name on file with the privacy service (A5.7); an
// exact repeat of the author's recent text is refused (A5.8); findings go
// to the moderation queue, never deleting anything themselves.
func (s *Service) CreatePost(ctx context.Context, in NewPost) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	if err := validateNewPost(in); err != nil {
		return View{}, err
	}
	b, err := s.store.GetBoard(ctx, in.BoardID)
	if err != nil {
		return View{}, err
	}
	it := domain.Item{Kind: domain.KindPost, BoardID: b.ID, Title: in.Title, Body: in.Body, RequestID: in.RequestID}
	return s.createItem(ctx, c, b, it)
}

func validateNewPost(in NewPost) error {
	var v errs.Violations
	if err := requireID("board_id", in.BoardID); err != nil {
		v.Add("board_id", "NOT_UUID")
	}
	domain.CheckRequestID(&v, in.RequestID)
	if err := domain.ValidatePost(in.Title, in.Body); err != nil {
		return mergeInvalid(&v, err)
	}
	return v.Err()
}

// NewComment is a comment as submitted.
type NewComment struct {
	PostID, RequestID, Body string
}

// CreateComment screens and stores a comment on a visible post.
func (s *Service) CreateComment(ctx context.Context, in NewComment) (View, error) {
	c, err := identity.RequireSignedIn(ctx)
	if err != nil {
		return View{}, err
	}
	var v errs.Violations
	if requireID("post_id", in.PostID) != nil {
		v.Add("post_id", "NOT_UUID")
	}
	domain.CheckRequestID(&v, in.RequestID)
	if err := mergeInvalid(&v, domain.ValidateComment(in.Body)); err != nil {
		return View{}, err
	}
	post, err := s.store.GetItem(ctx, in.PostID, false)
	if err != nil || post.Kind != domain.KindPost || !post.Viewable(c, s.now()) {
		return View{}, errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", domain.KindPost, "id", in.PostID)
	}
	if post.EffectiveStatus(s.now()) != domain.StatusVisible {
		return View{}, errs.FailedPrecondition("COMMENTS_CLOSED", "status", post.EffectiveStatus(s.now()))
	}
	b, err := s.store.GetBoard(ctx, post.BoardID)
	if err != nil {
		return View{}, err
	}
	it := domain.Item{Kind: domain.KindComment, BoardID: b.ID, PostID: post.ID, Body: in.Body, RequestID: in.RequestID}
	return s.createItem(ctx, c, b, it)
}

// createItem is the shared path of posts and comments.
func (s *Service) createItem(ctx context.Context, c identity.Claims, b domain.Board, it domain.Item) (View, error) {
	if err := b.MayPost(c); err != nil {
		return View{}, err
	}
	if prior, ok, err := s.byRequest(ctx, s.store, c.Subject, it); ok || err != nil {
		return s.view(c, prior), err
	}
	display, err := s.authorDisplay(ctx, b, c.Subject)
	if err != nil {
		return View{}, err
	}
	scr, err := s.screener(ctx)
	if err != nil {
		return View{}, err
	}
	res := scr.Screen(it.Title, it.Body)
	now := s.now()
	it.ID, it.AuthorSubject, it.AuthorDisplay = newID(), c.Subject, display
	it.Title, it.Body, it.Canonical, it.PersonalDataMasked = res.Title, res.Body, res.Canonical, res.PersonalDataMasked
	it.PersonalDataKinds = personaldata.Names(res.PersonalDataKinds)
	it.CreatedAt, it.UpdatedAt, it.Revision = now, now, 1
	if it.RequestID == "" {
		it.RequestID = it.ID
	}
	if it.PostID == "" {
		it.PostID = it.ID
	}
	it.Status, it.Published = domain.StatusVisible, true
	if b.Moderation == domain.ModerationPre {
		it.Status, it.Published = domain.StatusPending, false
	}
	var out domain.Item
	err = s.store.InTx(ctx, func(tx Tx) error {
		var err error
		out, err = s.storeNew(ctx, tx, it, res.Findings)
		return err
	})
	return s.view(c, out), err
}

// byRequest finds the item an earlier attempt of the same request created.
func (s *Service) byRequest(ctx context.Context, repo Repo, subject string, it domain.Item) (domain.Item, bool, error) {
	if it.RequestID == "" {
		return domain.Item{}, false, nil
	}
	prior, err := repo.ItemByRequest(ctx, subject, it.Kind, it.RequestID)
	switch {
	case err == nil:
		return prior, true, nil
	case errs.Is(err, errs.KindNotFound):
		return domain.Item{}, false, nil
	}
	return domain.Item{}, false, err
}

// storeNew runs the repeat check under the author's lock and stores the
// item, its flags, its queue case and its created event.
func (s *Service) storeNew(ctx context.Context, tx Tx, it domain.Item, findings []screening.Finding) (domain.Item, error) {
	if err := tx.LockAuthor(ctx, it.AuthorSubject); err != nil {
		return it, err
	}
	if prior, ok, err := s.byRequest(ctx, tx, it.AuthorSubject, it); ok || err != nil {
		return prior, err
	}
	findings, err := s.checkRepeats(ctx, tx, &it, findings)
	if err != nil {
		return it, err
	}
	if err := tx.InsertItem(ctx, it); err != nil {
		return it, err
	}
	if err := s.recordFindings(ctx, tx, it, findings); err != nil {
		return it, err
	}
	if it.Published {
		return it, tx.ItemPublished(ctx, it)
	}
	return it, nil
}

// mergeInvalid adds the violations of a validation error to v and returns
// v's error, so every bad field is named at once.
func mergeInvalid(v *errs.Violations, err error) error {
	v.Merge(err)
	return v.Err()
}
