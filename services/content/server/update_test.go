package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// fullItem is a published bilingual item with every content field set.
func (s *suite) fullItem(t *testing.T) *contentv1.Item {
	t.Helper()
	req := draft("따릉이 이용 안내")
	req.Slug = "ttareungi-guide"
	req.Title["en"], req.Summary["en"], req.Body["en"] = "Ttareungi guide", "Public bikes", "How to rent a public bike."
	req.Tags = []string{"자전거", "교통"}
	req.Attachments = []*contentv1.Attachment{{Name: "안내서.pdf", Url: "https://seoul.go.kr/a.pdf", MediaType: "application/pdf"}}
	return s.publish(t, s.digital, req)
}

func (s *suite) editorView(t *testing.T, id string) *contentv1.Item {
	t.Helper()
	got, err := s.c.GetItem(s.digital, &contentv1.GetItemRequest{ItemId: id, View: contentv1.ItemView_ITEM_VIEW_EDITOR})
	require.NoError(t, err)
	return got
}

// requireSameContent compares everything an editor wrote.
func requireSameContent(t *testing.T, want, got *contentv1.Item) {
	t.Helper()
	require.Equal(t, want.Slug, got.Slug)
	require.Equal(t, want.Kind, got.Kind)
	require.Equal(t, want.Department.Code, got.Department.Code)
	require.Equal(t, want.Tags, got.Tags)
	require.Len(t, got.Attachments, len(want.Attachments))
	for i := range want.Attachments {
		require.True(t, proto.Equal(want.Attachments[i], got.Attachments[i]))
	}
	require.Len(t, got.Texts, len(want.Texts))
	for i := range want.Texts {
		require.True(t, proto.Equal(want.Texts[i], got.Texts[i]), "%v vs %v", want.Texts[i], got.Texts[i])
	}
}

// A4.1: UpdateItem changes only the fields its mask names (AIP-134): a
// new Korean title leaves the summary, body, tags, slug, attachments and
// the whole English text as they were, and the revision names title.ko.
func TestUpdateItemChangesOnlyMaskedFields(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	before := s.editorView(t, s.fullItem(t).Id)

	_, err := s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: before.Id,
		Item:       &contentv1.ItemContent{Title: map[string]string{"ko": "따릉이 이용 안내 (개정)"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title.ko"}}})
	require.NoError(t, err)

	after := s.editorView(t, before.Id)
	require.Equal(t, "따릉이 이용 안내 (개정)", after.Texts[1].Title)
	after.Texts[1].Title = before.Texts[1].Title // the one masked field
	requireSameContent(t, before, after)
	revs, err := s.c.ListItemRevisions(s.public, &contentv1.ListItemRevisionsRequest{ItemId: before.Id})
	require.NoError(t, err)
	require.Equal(t, []string{"title.ko"}, revs.Revisions[len(revs.Revisions)-1].ChangedFields)
}

// Without a mask, UpdateItem changes the fields the request populates
// (AIP-134); a map names its keys, so other languages stay.
func TestUpdateItemWithoutMaskChangesPopulatedFields(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	before := s.editorView(t, s.fullItem(t).Id)

	_, err := s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: before.Id,
		Item: &contentv1.ItemContent{Summary: map[string]string{"en": "Seoul's public bikes"}, Tags: []string{"자전거"}}})
	require.NoError(t, err)

	after := s.editorView(t, before.Id)
	require.Equal(t, "Seoul's public bikes", after.Texts[0].Summary)
	require.Equal(t, []string{"자전거"}, after.Tags)
	after.Texts[0].Summary, after.Tags = before.Texts[0].Summary, before.Tags
	requireSameContent(t, before, after)
}

// "*" replaces the whole content, and a whole map in the mask replaces
// the map: languages absent from it are removed.
func TestUpdateItemWholeMapsAndStar(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.fullItem(t)

	_, err := s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: item.Id,
		Item: &contentv1.ItemContent{Title: map[string]string{"ko": "따릉이"}, Summary: map[string]string{"ko": "요약"},
			Body: map[string]string{"ko": "본문"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title", "summary", "body"}}})
	require.NoError(t, err)
	after := s.editorView(t, item.Id)
	require.Len(t, after.Texts, 1, "the English text is gone with the whole maps")
	require.Equal(t, []string{"자전거", "교통"}, after.Tags)

	_, err = s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: item.Id,
		Item: &contentv1.ItemContent{DepartmentCode: "SMG-DIGITAL", Kind: contentv1.Kind_KIND_LIVING,
			Title: map[string]string{"ko": "따릉이"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"*"}}})
	require.NoError(t, err)
	after = s.editorView(t, item.Id)
	require.Equal(t, contentv1.Kind_KIND_LIVING, after.Kind)
	require.Empty(t, after.Tags)
	require.Empty(t, after.Slug)
	require.Empty(t, after.Attachments)
	require.Equal(t, "", after.Texts[0].Summary)
}

// A mask naming a path the update does not know is bad input naming it,
// and nothing changes.
func TestUpdateItemUnknownMaskPath(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.fullItem(t)
	_, err := s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: item.Id,
		Item:       &contentv1.ItemContent{Title: map[string]string{"ko": "바뀜"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title.ko", "titel"}}})
	v := servicetest.RequireInvalidField(t, err, "update_mask")
	require.Contains(t, v.GetDescription(), "titel")
	require.Equal(t, item.Etag, s.editorView(t, item.Id).Etag, "nothing changed")
}

// A3.1.1: two officials edit the same item; the one who read an older
// state is refused (ABORTED) instead of silently overwriting the other,
// for content updates and state changes alike.
func TestStaleEtagIsRefused(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.fullItem(t)
	first, err := s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: item.Id, Etag: item.Etag,
		Item: &contentv1.ItemContent{Title: map[string]string{"ko": "첫 번째 수정"}}})
	require.NoError(t, err)
	require.NotEqual(t, item.Etag, first.Etag)

	_, err = s.c.UpdateItem(s.admin, &contentv1.UpdateItemRequest{ItemId: item.Id, Etag: item.Etag,
		Item: &contentv1.ItemContent{Title: map[string]string{"ko": "두 번째 수정"}}})
	servicetest.RequireCode(t, err, codes.Aborted)
	_, err = s.c.ArchiveItem(s.digital, &contentv1.ArchiveItemRequest{ItemId: item.Id, Etag: item.Etag})
	servicetest.RequireCode(t, err, codes.Aborted)
	got := s.editorView(t, item.Id)
	require.Equal(t, "첫 번째 수정", got.Texts[1].Title)
	require.Equal(t, contentv1.ItemStatus_ITEM_STATUS_PUBLISHED, got.Status)

	_, err = s.c.ArchiveItem(s.digital, &contentv1.ArchiveItemRequest{ItemId: item.Id, Etag: got.Etag})
	require.NoError(t, err)
}
