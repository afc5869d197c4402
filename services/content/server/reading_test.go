package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// A2: a reader gets the requested language, or Korean with an explicit
// untranslated or stale marker, never a silent fallback.
func TestReaderLanguageMarkers(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	req := draft("한강 공원 안내")
	req.Kind = contentv1.Kind_KIND_TOURISM
	req.Title["en"], req.Summary["en"] = "Hangang Park Guide", "Parks along the Han river"
	item := s.publish(t, s.digital, req)

	en, err := s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id, Language: "en"})
	require.NoError(t, err)
	require.Equal(t, contentv1.TextState_TEXT_STATE_CURRENT, en.TextState)
	require.Equal(t, "Hangang Park Guide", en.Text.Title)

	ja, err := s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id, Language: "ja"})
	require.NoError(t, err)
	require.Equal(t, contentv1.TextState_TEXT_STATE_UNTRANSLATED, ja.TextState)
	require.Equal(t, "ko", ja.Text.Language)
	require.Equal(t, "ja", ja.RequestedLanguage)

	// The Korean reference changes; English was not touched.
	upd := &contentv1.UpdateItemRequest{ItemId: item.Id, Item: &contentv1.ItemContent{
		Title: map[string]string{"ko": "한강 공원 이용 안내"}}}
	_, err = s.c.UpdateItem(s.digital, upd)
	require.NoError(t, err)
	en, err = s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id, Language: "en"})
	require.NoError(t, err)
	require.Equal(t, contentv1.TextState_TEXT_STATE_STALE, en.TextState)
	require.Equal(t, "한강 공원 이용 안내", en.Text.Title)
	require.Equal(t, []*contentv1.Translation{{Language: "en", Stale: true}}, stripTranslations(en.Translations))

	_, err = s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id, Language: "english please"})
	servicetest.RequireInvalidField(t, err, "language")
	_, err = s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id, View: contentv1.ItemView_ITEM_VIEW_EDITOR})
	servicetest.RequireCode(t, err, codes.Unauthenticated) // the editor view is not public
	_, err = s.c.GetItem(s.culture, &contentv1.GetItemRequest{ItemId: item.Id, View: contentv1.ItemView_ITEM_VIEW_EDITOR})
	servicetest.RequireCode(t, err, codes.PermissionDenied) // nor another department's
	ed, err := s.c.GetItem(s.digital, &contentv1.GetItemRequest{ItemId: item.Id, View: contentv1.ItemView_ITEM_VIEW_EDITOR})
	require.NoError(t, err)
	require.Len(t, ed.Texts, 2)
}

func stripTranslations(ts []*contentv1.Translation) []*contentv1.Translation {
	out := make([]*contentv1.Translation, len(ts))
	for i, t := range ts {
		out[i] = &contentv1.Translation{Language: t.Language, Stale: t.Stale}
	}
	return out
}

// A3.1: public lists filter by kind, department, tag and language and page
// stably with opaque tokens.
func TestListFiltersAndPages(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	for i := range 5 {
		req := draft(fmt.Sprintf("디지털 소식 %d", i))
		if i%2 == 0 {
			req.Title["en"] = fmt.Sprintf("Digital news %d", i)
		}
		s.publish(t, s.digital, req)
	}
	culture := draft("서울 문화의 밤")
	culture.DepartmentCode, culture.Kind, culture.Tags = "SMG-CULTURE", contentv1.Kind_KIND_CULTURE, []string{"축제"}
	s.publish(t, s.culture, culture)
	_, err := s.c.CreateItem(s.digital, draft("아직 초안"))
	require.NoError(t, err)

	var seen []string
	token := ""
	for page := 0; ; page++ {
		resp, err := s.c.ListItems(s.public, &contentv1.ListItemsRequest{PageSize: 2, PageToken: token})
		require.NoError(t, err)
		for _, it := range resp.Items {
			seen = append(seen, it.Id)
			require.Empty(t, it.Text.Body, "lists carry no bodies")
		}
		if token = resp.NextPageToken; token == "" {
			break
		}
		// A new item published meanwhile never shifts later pages.
		if page == 0 {
			s.publish(t, s.digital, draft("중간에 게시"))
		}
	}
	require.Len(t, seen, 6, "drafts are not listed; the item published after page 1 is newer than the cursor")
	require.ElementsMatch(t, seen, unique(seen))

	byKind, err := s.c.ListItems(s.public, &contentv1.ListItemsRequest{Kind: contentv1.Kind_KIND_CULTURE})
	require.NoError(t, err)
	require.Len(t, byKind.Items, 1)
	byTag, err := s.c.ListItems(s.public, &contentv1.ListItemsRequest{Tag: "축제"})
	require.NoError(t, err)
	require.Len(t, byTag.Items, 1)
	byDept, err := s.c.ListItems(s.public, &contentv1.ListItemsRequest{DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Len(t, byDept.Items, 6)
	english, err := s.c.ListItems(s.public, &contentv1.ListItemsRequest{Language: "en"})
	require.NoError(t, err)
	require.Len(t, english.Items, 3)
	require.Equal(t, contentv1.TextState_TEXT_STATE_CURRENT, english.Items[0].TextState)

	drafts, err := s.c.ListItems(s.digital, &contentv1.ListItemsRequest{Status: contentv1.ItemStatus_ITEM_STATUS_DRAFT, DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Len(t, drafts.Items, 1)
	_, err = s.c.ListItems(s.public, &contentv1.ListItemsRequest{Status: contentv1.ItemStatus_ITEM_STATUS_DRAFT, DepartmentCode: "SMG-DIGITAL"})
	servicetest.RequireCode(t, err, codes.Unauthenticated) // drafts are not public
	_, err = s.c.ListItems(s.public, &contentv1.ListItemsRequest{Kind: contentv1.Kind_KIND_CULTURE, PageToken: firstToken(t, s)})
	servicetest.RequireInvalidField(t, err, "page_token")
}

func firstToken(t *testing.T, s *suite) string {
	resp, err := s.c.ListItems(s.public, &contentv1.ListItemsRequest{PageSize: 1})
	require.NoError(t, err)
	require.NotEmpty(t, resp.NextPageToken)
	return resp.NextPageToken
}

func unique(ids []string) []string {
	seen, out := map[string]bool{}, []string{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// A3.1: search works for Korean (trigram indexing, not word parsing),
// ranks the best match first and pages stably.
func TestKoreanSearch(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	bike := draft("공공자전거 따릉이 이용 안내")
	bike.Kind, bike.Body = contentv1.Kind_KIND_LIVING, map[string]string{"ko": "서울시 공공자전거 따릉이는 누구나 대여할 수 있습니다."}
	bikeItem := s.publish(t, s.digital, bike)
	festival := draft("한강 여름 축제")
	festival.Kind, festival.Body = contentv1.Kind_KIND_CULTURE, map[string]string{"ko": "여의도 한강공원에서 열리는 여름 축제입니다."}
	festItem := s.publish(t, s.digital, festival)
	rent := draft("청년 월세 지원")
	rent.Body = map[string]string{"ko": "청년의 주거비 부담을 덜기 위한 월세 지원 사업입니다. 자전거와는 무관합니다."}
	s.publish(t, s.digital, rent)

	hits := search(t, s, "따릉이", "")
	require.Equal(t, bikeItem.Id, hits[0].Id)
	hits = search(t, s, "자전거", "")
	require.Len(t, hits, 2, "the substring matches inside 공공자전거 and in a body")
	require.Equal(t, bikeItem.Id, hits[0].Id, "a title match ranks above a body match")
	hits = search(t, s, "축제", "") // two syllables: shorter than a trigram
	require.Equal(t, festItem.Id, hits[0].Id)
	require.Empty(t, search(t, s, "지하철", ""))

	var parks []string
	for i := range 5 {
		parks = append(parks, s.publish(t, s.digital, draft(fmt.Sprintf("서울 공원 안내 %d", i))).Id)
	}
	var seen []string
	token := ""
	for {
		resp, err := s.c.SearchItems(s.public, &contentv1.SearchItemsRequest{Query: "공원 안내", PageSize: 2, PageToken: token})
		require.NoError(t, err)
		for _, it := range resp.Items {
			seen = append(seen, it.Id)
		}
		if token = resp.NextPageToken; token == "" {
			break
		}
	}
	require.Equal(t, unique(seen), seen, "no item twice across pages")
	require.Subset(t, seen, parks)

	_, err := s.c.SearchItems(s.public, &contentv1.SearchItemsRequest{Query: "  "})
	servicetest.RequireInvalidField(t, err, "query")
}

func search(t *testing.T, s *suite, q, lang string) []*contentv1.Item {
	t.Helper()
	resp, err := s.c.SearchItems(s.public, &contentv1.SearchItemsRequest{Query: q, Language: lang})
	require.NoError(t, err)
	return resp.Items
}

// Reads are counted in memory and flushed in batches to a separate
// table: reading never updates the item's row.
func TestViewCountsDoNotTouchItems(t *testing.T) {
	t.Parallel()
	cfg := server.TestConfig()
	cfg.ViewFlushInterval = 50 * time.Millisecond
	s := start(t, cfg)
	item := s.publish(t, s.digital, draft("조회수 측정"))
	before := servicetest.Count(t, s.env.Pool, `SELECT xmin::text::int FROM items WHERE id = $1`, item.Id)
	for range 3 {
		_, err := s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id})
		require.NoError(t, err)
	}
	servicetest.Eventually(t, "views flushed", func() bool {
		return servicetest.Count(t, s.env.Pool, `SELECT coalesce(sum(views), 0)::int FROM item_view_counts WHERE item_id = $1`, item.Id) == 3
	})
	require.Equal(t, before, servicetest.Count(t, s.env.Pool, `SELECT xmin::text::int FROM items WHERE id = $1`, item.Id))
	got, err := s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id})
	require.NoError(t, err)
	require.EqualValues(t, 3, got.ViewCount)
}

// Issue 17: anonymous reads of published items are answered from memory,
// yet every change committed here is seen by the next read at once: an
// update, feedback, a department's new contact, archiving.
func TestPublicReadsSeeEveryChangeAtOnce(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	item := s.publish(t, s.digital, draft("캐시 확인"))
	read := func() (*contentv1.Item, error) {
		return s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: item.Id})
	}
	for range 2 {
		_, err := read()
		require.NoError(t, err)
	}

	_, err := s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: item.Id,
		Item:       &contentv1.ItemContent{Title: map[string]string{"ko": "캐시 확인 (개정)"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title.ko"}}})
	require.NoError(t, err)
	got, err := read()
	require.NoError(t, err)
	require.Equal(t, "캐시 확인 (개정)", got.Text.Title)

	_, err = s.c.SubmitFeedback(s.citizen, &contentv1.SubmitFeedbackRequest{ItemId: item.Id, Helpful: true})
	require.NoError(t, err)
	got, err = read()
	require.NoError(t, err)
	require.EqualValues(t, 1, got.Feedback.Helpful)

	_, err = s.c.PutDepartment(s.admin, &contentv1.PutDepartmentRequest{Code: "SMG-DIGITAL", NameKo: "디지털정책과",
		NameEn: "Digital Policy Division", Phone: "02-2133-2999", Email: "digital@seoul.go.kr"})
	require.NoError(t, err)
	got, err = read()
	require.NoError(t, err)
	require.Equal(t, "02-2133-2999", got.Department.Phone)

	_, err = s.c.ArchiveItem(s.digital, &contentv1.ArchiveItemRequest{ItemId: item.Id})
	require.NoError(t, err)
	_, err = read()
	servicetest.RequireCode(t, err, codes.NotFound)
}
