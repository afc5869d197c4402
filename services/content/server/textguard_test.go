package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// A3.1.1, A4.2: NUL (which PostgreSQL text cannot hold) in any request
// string is InvalidArgument naming the field, and nothing is stored — it
// used to reach the database and come back as Internal. (The edge's 400
// for the same input is e2e TestContentReviewNULInputIsBadRequestNot500.)
func TestNULInContentRequestsIsInvalidNamingTheField(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
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
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM items`))
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM departments WHERE code = 'SMG-NUL'`))
}
