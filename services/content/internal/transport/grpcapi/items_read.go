package grpcapi

import (
	"context"
	"sort"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/freshread"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// GetItem returns an item by id in the reader's language.
func (s *Server) GetItem(ctx context.Context, req *contentv1.GetItemRequest) (*contentv1.Item, error) {
	r, err := s.app.GetItem(ctx, app.GetItem{ID: req.GetItemId(), Language: req.GetLanguage(),
		Editor: req.GetView() == contentv1.ItemView_ITEM_VIEW_EDITOR, Fresh: freshread.Requested(ctx)})
	if err != nil {
		return nil, err
	}
	return s.itemProto(r.Item, r.Language, r.Editor), nil
}

// GetItemBySlug returns an item by slug in the reader's language.
func (s *Server) GetItemBySlug(ctx context.Context, req *contentv1.GetItemBySlugRequest) (*contentv1.Item, error) {
	r, err := s.app.GetItem(ctx, app.GetItem{Slug: req.GetSlug(), Language: req.GetLanguage(),
		Editor: req.GetView() == contentv1.ItemView_ITEM_VIEW_EDITOR, Fresh: freshread.Requested(ctx)})
	if err != nil {
		return nil, err
	}
	return s.itemProto(r.Item, r.Language, r.Editor), nil
}

// ListItems lists items newest first.
func (s *Server) ListItems(ctx context.Context, req *contentv1.ListItemsRequest) (*contentv1.ListItemsResponse, error) {
	f := app.ItemFilter{Kind: kindOf(req.GetKind()), Department: req.GetDepartmentCode(), Tag: req.GetTag(),
		Language: req.GetLanguage(), Status: statusOf(req.GetStatus())}
	items, next, err := s.app.ListItems(ctx, f, pagetoken.Page{Size: int(req.GetPageSize()), Token: req.GetPageToken()})
	if err != nil {
		return nil, err
	}
	lang, _ := domain.NormalizeLanguage(req.GetLanguage())
	out := &contentv1.ListItemsResponse{NextPageToken: next}
	for _, it := range items {
		out.Items = append(out.Items, s.itemProto(it, lang, false))
	}
	return out, nil
}

// SearchItems finds published items, best match first.
func (s *Server) SearchItems(ctx context.Context, req *contentv1.SearchItemsRequest) (*contentv1.SearchItemsResponse, error) {
	q := app.SearchQuery{Text: req.GetQuery(), Kind: kindOf(req.GetKind()), Department: req.GetDepartmentCode(),
		Language: req.GetLanguage()}
	hits, next, err := s.app.SearchItems(ctx, q, pagetoken.Page{Size: int(req.GetPageSize()), Token: req.GetPageToken()})
	if err != nil {
		return nil, err
	}
	lang, _ := domain.NormalizeLanguage(req.GetLanguage()) // validated by the use case
	out := &contentv1.SearchItemsResponse{NextPageToken: next}
	for _, h := range hits {
		out.Items = append(out.Items, s.itemProto(h.Item, lang, false))
	}
	return out, nil
}

// ListItemRevisions returns an item's published revisions.
func (s *Server) ListItemRevisions(ctx context.Context, req *contentv1.ListItemRevisionsRequest) (*contentv1.ListItemRevisionsResponse, error) {
	revs, err := s.app.ListItemRevisions(ctx, req.GetItemId())
	if err != nil {
		return nil, err
	}
	out := &contentv1.ListItemRevisionsResponse{}
	for _, r := range revs {
		out.Revisions = append(out.Revisions, &contentv1.Revision{Revision: int32(r.Number), ChangedBy: r.Actor,
			ChangeTime: ts(r.At), ChangedFields: r.ChangedFields, ChangeNote: r.Note, Kind: kinds.To(r.Content.Kind),
			DepartmentCode: r.Content.DepartmentCode, Texts: textsProto(r.Content.Texts), Tags: r.Content.Tags,
			Attachments: attachmentsProto(r.Content.Attachments)})
	}
	return out, nil
}

// ListStaleItems lists a department's overdue items.
func (s *Server) ListStaleItems(ctx context.Context, req *contentv1.ListStaleItemsRequest) (*contentv1.ListStaleItemsResponse, error) {
	items, next, err := s.app.ListStaleItems(ctx, req.GetDepartmentCode(),
		pagetoken.Page{Size: int(req.GetPageSize()), Token: req.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &contentv1.ListStaleItemsResponse{NextPageToken: next}
	for _, it := range items {
		out.Items = append(out.Items, s.itemProto(it, "", false))
	}
	return out, nil
}

func sortedLanguages(texts map[string]domain.Text) []string {
	out := make([]string, 0, len(texts))
	for l := range texts {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
