package api

import (
	"context"
	"net/http"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
)

// Calls of the content service (A3, A4): departments, information items,
// search, feedback, review reminders and the scorecard.

// ListDepartments lists the responsible departments and their contacts.
func (k *Caller) ListDepartments(ctx context.Context) (*contentv1.ListDepartmentsResponse, error) {
	out := new(contentv1.ListDepartmentsResponse)
	return out, k.get(ctx, "/v1/departments", nil, out)
}

// PutDepartment creates or replaces a department (admins).
func (k *Caller) PutDepartment(ctx context.Context, in *contentv1.PutDepartmentRequest) (*contentv1.PutDepartmentResponse, error) {
	out := new(contentv1.PutDepartmentResponse)
	return out, k.send(ctx, http.MethodPut, "/v1/departments/"+seg(in.GetCode()), in, out)
}

// ListItems lists information items, newest first.
func (k *Caller) ListItems(ctx context.Context, in *contentv1.ListItemsRequest) (*contentv1.ListItemsResponse, error) {
	out := new(contentv1.ListItemsResponse)
	return out, k.get(ctx, "/v1/items", in, out)
}

// SearchItems is the Korean full-text search.
func (k *Caller) SearchItems(ctx context.Context, in *contentv1.SearchItemsRequest) (*contentv1.SearchItemsResponse, error) {
	out := new(contentv1.SearchItemsResponse)
	return out, k.get(ctx, "/v1/items:search", in, out)
}

// GetItem reads an item by id (editors ask for ITEM_VIEW_EDITOR).
func (k *Caller) GetItem(ctx context.Context, in *contentv1.GetItemRequest) (*contentv1.Item, error) {
	out := new(contentv1.Item)
	return out, k.get(ctx, "/v1/items/"+seg(in.GetItemId()), in, out, "item_id")
}

// GetItemBySlug reads a published item by its address.
func (k *Caller) GetItemBySlug(ctx context.Context, in *contentv1.GetItemBySlugRequest) (*contentv1.Item, error) {
	out := new(contentv1.Item)
	return out, k.get(ctx, "/v1/items:lookup", in, out)
}

// CreateItem creates a draft item.
func (k *Caller) CreateItem(ctx context.Context, in *contentv1.CreateItemRequest) (*contentv1.Item, error) {
	out := new(contentv1.Item)
	return out, k.send(ctx, http.MethodPost, "/v1/items", in, out)
}

// UpdateItem changes the fields of in.Item that in.UpdateMask names,
// conditional on the etag the editor read.
func (k *Caller) UpdateItem(ctx context.Context, in *contentv1.UpdateItemRequest) (*contentv1.Item, error) {
	out := new(contentv1.Item)
	q, err := Query(&contentv1.UpdateItemRequest{ChangeNote: in.GetChangeNote()})
	if err != nil {
		return nil, err
	}
	return out, k.patch(ctx, "/v1/items/"+seg(in.GetItemId()), q, in.GetItem(), in.GetUpdateMask(), in.GetEtag(), out)
}

// SubmitItemForReview, PublishItem, ConfirmItemCurrent and ArchiveItem move
// an item through its workflow.
func (k *Caller) SubmitItemForReview(ctx context.Context, in *contentv1.SubmitItemForReviewRequest) (*contentv1.SubmitItemForReviewResponse, error) {
	out := new(contentv1.SubmitItemForReviewResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/items/"+seg(in.GetItemId())+":submit", in, out)
}

// PublishItem publishes an item in review.
func (k *Caller) PublishItem(ctx context.Context, in *contentv1.PublishItemRequest) (*contentv1.PublishItemResponse, error) {
	out := new(contentv1.PublishItemResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/items/"+seg(in.GetItemId())+":publish", in, out)
}

// ConfirmItemCurrent records that the department reviewed the item (A4.1).
func (k *Caller) ConfirmItemCurrent(ctx context.Context, in *contentv1.ConfirmItemCurrentRequest) (*contentv1.ConfirmItemCurrentResponse, error) {
	out := new(contentv1.ConfirmItemCurrentResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/items/"+seg(in.GetItemId())+":confirm", in, out)
}

// ArchiveItem takes an item off the homepage.
func (k *Caller) ArchiveItem(ctx context.Context, in *contentv1.ArchiveItemRequest) (*contentv1.ArchiveItemResponse, error) {
	out := new(contentv1.ArchiveItemResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/items/"+seg(in.GetItemId())+":archive", in, out)
}

// ListStaleItems lists a department's items past their review date.
func (k *Caller) ListStaleItems(ctx context.Context, in *contentv1.ListStaleItemsRequest) (*contentv1.ListStaleItemsResponse, error) {
	out := new(contentv1.ListStaleItemsResponse)
	return out, k.get(ctx, "/v1/departments/"+seg(in.GetDepartmentCode())+"/stale-items", in, out, "department_code")
}

// SubmitFeedback records a reader's opinion of an item (A3.3).
func (k *Caller) SubmitFeedback(ctx context.Context, in *contentv1.SubmitFeedbackRequest) (*contentv1.SubmitFeedbackResponse, error) {
	out := new(contentv1.SubmitFeedbackResponse)
	return out, k.send(ctx, http.MethodPost, "/v1/items/"+seg(in.GetItemId())+"/feedback", in, out)
}

// ListFeedback lists a department's feedback.
func (k *Caller) ListFeedback(ctx context.Context, in *contentv1.ListFeedbackRequest) (*contentv1.ListFeedbackResponse, error) {
	out := new(contentv1.ListFeedbackResponse)
	return out, k.get(ctx, "/v1/departments/"+seg(in.GetDepartmentCode())+"/feedback", in, out, "department_code")
}

// GetScorecard is the departments' information-management scores (A4.3).
func (k *Caller) GetScorecard(ctx context.Context, in *contentv1.GetScorecardRequest) (*contentv1.Scorecard, error) {
	out := new(contentv1.Scorecard)
	return out, k.get(ctx, "/v1/scorecards", in, out)
}

// ListItemRevisions lists an item's published revisions (its editors).
func (k *Caller) ListItemRevisions(ctx context.Context, in *contentv1.ListItemRevisionsRequest) (*contentv1.ListItemRevisionsResponse, error) {
	out := new(contentv1.ListItemRevisionsResponse)
	return out, k.get(ctx, "/v1/items/"+seg(in.GetItemId())+"/revisions", in, out, "item_id")
}
