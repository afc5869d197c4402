package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// A3.1.1, A4.2: NUL (which PostgreSQL text cannot hold) in any request
// string is InvalidArgument naming the field, and nothing is stored — it
// used to reach the database and come back as Internal. (The edge's 400
// for the same input is e2e TestContentReviewNULInputIsBadRequestNot500.)
func TestNULInContentRequestsIsInvalidNamingTheField(t *testing.T) {
	t.Parallel()
	s := start(t, quiet())
	bad := draft("제목")
	bad.Title["ko"] = "제\x00목"
	bad.Tags = []string{"ok", "a\x00"}
	bad.Attachments = []*contentv1.Attachment{{Name: "a.pdf", Url: "https://seoul.go.kr/\x00"}}
	_, err := s.c.CreateItem(s.digital, bad)
	for _, field := range []string{"title.ko", "tags[1]", "attachments[0].url"} {
		servicetest.RequireInvalidField(t, err, field)
	}
	_, err = s.c.SearchItems(s.public, &contentv1.SearchItemsRequest{Query: "따릉\x00이"})
	servicetest.RequireInvalidField(t, err, "query")
	_, err = s.c.ListItems(s.public, &contentv1.ListItemsRequest{Tag: "\x00"})
	servicetest.RequireInvalidField(t, err, "tag")
	_, err = s.c.PutDepartment(s.admin, &contentv1.PutDepartmentRequest{Code: "SMG-NUL", NameKo: "\x00"})
	servicetest.RequireInvalidField(t, err, "name_ko")
	require.Zero(t, s.count(t, `SELECT count(*) FROM items`))
	require.Zero(t, s.count(t, `SELECT count(*) FROM departments WHERE code = 'SMG-NUL'`))
}

// A3.1.1: UpdateItem with a negative expected_version is bad input naming
// the field, not a concurrent change, and nothing is stored.
func TestUpdateRefusesNegativeExpectedVersion(t *testing.T) {
	t.Parallel()
	s := start(t, quiet())
	it := s.publish(t, s.digital, draft("버전 확인"))
	_, err := s.c.UpdateItem(s.digital, &contentv1.UpdateItemRequest{ItemId: it.GetId(), ExpectedVersion: -1,
		DepartmentCode: "SMG-DIGITAL", Kind: contentv1.Kind_KIND_POLICY, Title: map[string]string{"ko": "바뀜"}})
	servicetest.RequireInvalidField(t, err, "expected_version")
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM item_revisions WHERE item_id = $1`, it.GetId()))
	got, err := s.c.GetItem(s.public, &contentv1.GetItemRequest{ItemId: it.GetId()})
	require.NoError(t, err)
	require.Equal(t, "버전 확인", got.GetItem().GetText().GetTitle())
}
