package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// A3.1.1, A4.2: an official drafts, submits and publishes; the public then
// reads the item with its responsible department and contact, and the
// publication is announced with ids, department and kind only.
func TestPublishWorkflowShowsDepartmentContact(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	created, err := s.c.CreateItem(s.digital, draft("스마트 서울 정책"))
	require.NoError(t, err)
	require.Equal(t, contentv1.ItemStatus_ITEM_STATUS_DRAFT, created.Status)
	id := created.Id

	_, err = s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: id})
	servicetest.RequireCode(t, err, codes.NotFound) // drafts are not public

	item := s.publish(t, s.digital, &contentv1.CreateItemRequest{DepartmentCode: "SMG-DIGITAL", Kind: contentv1.Kind_KIND_POLICY,
		Title: map[string]string{"ko": "공공 와이파이 확대"}})
	got, err := s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id})
	require.NoError(t, err)
	require.Equal(t, contentv1.ItemStatus_ITEM_STATUS_PUBLISHED, got.Status)
	require.Equal(t, "디지털정책과", got.Department.NameKo)
	require.Equal(t, "02-2133-2900", got.Department.Phone)
	require.Equal(t, "digital@seoul.go.kr", got.Department.Email)
	require.NotNil(t, got.NextReviewTime)
	require.Empty(t, got.Texts, "editor texts are not public")

	evs := servicetest.Events[contentv1.ItemPublished](t, s.env.JS, "CONTENT", "seoul.content.item.published", 1)
	require.Equal(t, item.Id, evs[0].ItemId)
	require.Equal(t, "SMG-DIGITAL", evs[0].DepartmentCode)
	require.Equal(t, "policy", evs[0].Kind)
	require.EqualValues(t, 1, evs[0].Revision)
}

// A4.2: publishing is refused while the department has no public contact.
func TestPublishRequiresDepartmentContact(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	req := draft("연락처 없는 안내")
	req.DepartmentCode = "SMG-NOCONTACT"
	created, err := s.c.CreateItem(s.admin, req)
	require.NoError(t, err)
	_, err = s.c.SubmitItemForReview(s.admin, &contentv1.SubmitItemForReviewRequest{ItemId: created.Id})
	require.NoError(t, err)
	_, err = s.c.PublishItem(s.admin, &contentv1.PublishItemRequest{ItemId: created.Id})
	servicetest.RequireCode(t, err, codes.FailedPrecondition)
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM item_history`))
}

// A3.1, A4.2: bad input is refused naming the field, and nothing is stored.
func TestCreateItemBadInputStoresNothing(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	cases := []struct {
		name  string
		edit  func(*contentv1.CreateItemRequest)
		field string
	}{
		{"missing department", func(r *contentv1.CreateItemRequest) { r.DepartmentCode = "" }, "department_code"},
		{"unknown department", func(r *contentv1.CreateItemRequest) { r.DepartmentCode = "SMG-NOWHERE" }, "department_code"},
		{"empty Korean title", func(r *contentv1.CreateItemRequest) { r.Title = map[string]string{"ko": " ", "en": "Title"} }, "title.ko"},
		{"unknown kind", func(r *contentv1.CreateItemRequest) { r.Kind = contentv1.Kind(42) }, "kind"},
		{"unspecified kind", func(r *contentv1.CreateItemRequest) { r.Kind = contentv1.Kind_KIND_UNSPECIFIED }, "kind"},
		{"invalid language tag", func(r *contentv1.CreateItemRequest) { r.Title["en_US!"] = "x" }, "title.en_US!"},
		{"oversized body", func(r *contentv1.CreateItemRequest) { r.Body = map[string]string{"ko": strings.Repeat("가", 100_001)} }, "body.ko"},
		{"too many tags", func(r *contentv1.CreateItemRequest) { r.Tags = make([]string, 21) }, "tags"},
	}
	for _, tc := range cases {
		req := draft("정상 제목")
		tc.edit(req)
		ctx := s.digital
		if tc.field == "department_code" {
			ctx = s.admin // officials could not even name another department
		}
		_, err := s.c.CreateItem(ctx, req)
		servicetest.RequireInvalidField(t, err, tc.field)
	}
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM items`))
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM item_texts`))
}

// A4.2: only officials of the owning department (or admins) create and
// edit its items.
func TestOnlyOwningDepartmentEdits(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	_, err := s.c.CreateItem(s.culture, draft("남의 부서 글"))
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.c.CreateItem(s.citizen, draft("시민 글"))
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.c.CreateItem(s.public, draft("익명 글"))
	servicetest.RequireCode(t, err, codes.Unauthenticated)

	item := s.publish(t, s.digital, draft("디지털 정책"))
	upd := &contentv1.UpdateItemRequest{ItemId: item.Id, Item: &contentv1.ItemContent{Title: map[string]string{"ko": "가로채기"}}}
	_, err = s.c.UpdateItem(s.culture, upd)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.c.ArchiveItem(s.culture, &contentv1.ArchiveItemRequest{ItemId: item.Id})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	upd.Item.DepartmentCode = "SMG-CULTURE" // moving it away needs rights there too
	_, err = s.c.UpdateItem(s.digital, upd)
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.c.UpdateItem(s.admin, upd)
	require.NoError(t, err)
}

// A4.1: every published revision is kept with who changed what and when;
// updates are announced and archiving hides the item from the public.
func TestRevisionsKeepWhoChangedWhat(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.publish(t, s.digital, draft("전자정부 서비스"))
	upd := &contentv1.UpdateItemRequest{ItemId: item.Id, Etag: item.Etag, Item: &contentv1.ItemContent{
		Title: map[string]string{"ko": "전자정부 서비스 안내"}, Summary: map[string]string{"ko": "전자정부 서비스 안내 요약"}},
		ChangeNote: "제목 보완"}
	updated, err := s.c.UpdateItem(s.admin, upd)
	require.NoError(t, err)
	require.EqualValues(t, 2, updated.Revision)
	_, err = s.c.UpdateItem(s.digital, upd) // stale etag
	servicetest.RequireCode(t, err, codes.Aborted)

	// A4.2, A10.1: the public sees the responsible department, never an
	// official's subject id; the department itself sees who it was.
	for _, ctx := range []context.Context{s.public, s.culture} {
		revs, err := s.c.ListItemRevisions(ctx, &contentv1.ListItemRevisionsRequest{ItemId: item.Id})
		require.NoError(t, err)
		require.Len(t, revs.Revisions, 2)
		require.Equal(t, "SMG-DIGITAL", revs.Revisions[0].ChangedBy)
		require.Equal(t, "SMG-DIGITAL", revs.Revisions[1].ChangedBy)
	}
	revs, err := s.c.ListItemRevisions(s.digital, &contentv1.ListItemRevisionsRequest{ItemId: item.Id})
	require.NoError(t, err)
	require.Equal(t, "off-digital", revs.Revisions[0].ChangedBy)
	require.Equal(t, "admin-1", revs.Revisions[1].ChangedBy)
	require.Equal(t, []string{"title.ko", "summary.ko"}, revs.Revisions[1].ChangedFields)
	require.Equal(t, "제목 보완", revs.Revisions[1].ChangeNote)
	require.Equal(t, "전자정부 서비스", revs.Revisions[0].Texts[0].Title, "old revisions keep their content")
	servicetest.Events[contentv1.ItemUpdated](t, s.env.JS, "CONTENT", "seoul.content.item.updated", 1)

	_, err = s.c.ArchiveItem(s.digital, &contentv1.ArchiveItemRequest{ItemId: item.Id})
	require.NoError(t, err)
	_, err = s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id})
	servicetest.RequireCode(t, err, codes.NotFound)
	servicetest.Events[contentv1.ItemArchived](t, s.env.JS, "CONTENT", "seoul.content.item.archived", 1)
	kept := servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM item_revisions`)
	require.Positive(t, kept)
	_, err = s.env.Pool.Exec(t.Context(), `DELETE FROM item_revisions`)
	requireAppendOnly(t, err, "item_revisions")
	require.Equal(t, kept, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM item_revisions`), "the revisions are still there")
}

// A retried create with the same request id returns the first item; slugs
// are unique and address items.
func TestCreateIsIdempotentAndSlugsAddress(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	req := draft("재시도 안전")
	req.RequestId, req.Slug = "req-1", "retry-safe"
	a, err := s.c.CreateItem(s.digital, req)
	require.NoError(t, err)
	b, err := s.c.CreateItem(s.digital, req)
	require.NoError(t, err)
	require.Equal(t, a.Id, b.Id)
	require.Equal(t, 1, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM items`))

	req.RequestId = "req-2"
	_, err = s.c.CreateItem(s.digital, req)
	servicetest.RequireCode(t, err, codes.AlreadyExists)

	s.publish(t, s.digital, &contentv1.CreateItemRequest{DepartmentCode: "SMG-DIGITAL", Kind: contentv1.Kind_KIND_OTHER,
		Slug: "open-data", Title: map[string]string{"ko": "열린 데이터"}})
	got, err := s.c.GetItemBySlug(s.public, &contentv1.GetItemBySlugRequest{Slug: "open-data"})
	require.NoError(t, err)
	require.Equal(t, "열린 데이터", got.Text.Title)
}
