package grpcapi

import (
	"context"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// contentRequest is what create and update requests share.
type contentRequest interface {
	GetDepartmentCode() string
	GetKind() contentv1.Kind
	GetSlug() string
	GetTitle() map[string]string
	GetSummary() map[string]string
	GetBody() map[string]string
	GetTags() []string
	GetAttachments() []*contentv1.Attachment
}

func contentInput(r contentRequest) app.ContentInput {
	return app.ContentInput{DepartmentCode: r.GetDepartmentCode(), Kind: kindOf(r.GetKind()), Slug: r.GetSlug(),
		Texts: domain.RawTexts{Title: r.GetTitle(), Summary: r.GetSummary(), Body: r.GetBody()},
		Tags:  r.GetTags(), Attachments: attachmentsOf(r.GetAttachments())}
}

// editorItem renders the result of a write for its editor.
func (s *Server) editorItem(it *domain.Item) *contentv1.Item { return s.itemProto(it, "", true) }

// CreateItem creates a draft.
func (s *Server) CreateItem(ctx context.Context, req *contentv1.CreateItemRequest) (*contentv1.Item, error) {
	it, err := s.app.CreateItem(ctx, app.CreateItem{RequestID: req.GetRequestId(), ContentInput: contentInput(req)})
	if err != nil {
		return nil, err
	}
	return s.editorItem(it), nil
}

// UpdateItem changes the fields of an item that update_mask names.
func (s *Server) UpdateItem(ctx context.Context, req *contentv1.UpdateItemRequest) (*contentv1.Item, error) {
	mask, err := fieldmask.Parse(req.GetUpdateMask(), req.GetItem(), app.Updatable...)
	if err != nil {
		return nil, err
	}
	it, err := s.app.UpdateItem(ctx, app.UpdateItem{Target: app.Target{ID: req.GetItemId(), Etag: req.GetEtag()},
		Mask: mask, ContentInput: contentInput(req.GetItem()), Note: req.GetChangeNote()})
	if err != nil {
		return nil, err
	}
	return s.editorItem(it), nil
}

// SubmitItemForReview moves a draft to review.
func (s *Server) SubmitItemForReview(ctx context.Context, req *contentv1.SubmitItemForReviewRequest) (*contentv1.SubmitItemForReviewResponse, error) {
	it, err := s.app.SubmitItemForReview(ctx, app.Target{ID: req.GetItemId(), Etag: req.GetEtag()})
	if err != nil {
		return nil, err
	}
	return &contentv1.SubmitItemForReviewResponse{Item: s.editorItem(it)}, nil
}

// PublishItem publishes an item in review.
func (s *Server) PublishItem(ctx context.Context, req *contentv1.PublishItemRequest) (*contentv1.PublishItemResponse, error) {
	it, err := s.app.PublishItem(ctx, app.Target{ID: req.GetItemId(), Etag: req.GetEtag()})
	if err != nil {
		return nil, err
	}
	return &contentv1.PublishItemResponse{Item: s.editorItem(it)}, nil
}

// ConfirmItemCurrent records a review that found the item correct.
func (s *Server) ConfirmItemCurrent(ctx context.Context, req *contentv1.ConfirmItemCurrentRequest) (*contentv1.ConfirmItemCurrentResponse, error) {
	it, err := s.app.ConfirmItemCurrent(ctx, app.Target{ID: req.GetItemId(), Etag: req.GetEtag()})
	if err != nil {
		return nil, err
	}
	return &contentv1.ConfirmItemCurrentResponse{Item: s.editorItem(it)}, nil
}

// ArchiveItem withdraws an item.
func (s *Server) ArchiveItem(ctx context.Context, req *contentv1.ArchiveItemRequest) (*contentv1.ArchiveItemResponse, error) {
	it, err := s.app.ArchiveItem(ctx, app.Target{ID: req.GetItemId(), Etag: req.GetEtag()})
	if err != nil {
		return nil, err
	}
	return &contentv1.ArchiveItemResponse{Item: s.editorItem(it)}, nil
}
