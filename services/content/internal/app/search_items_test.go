package app_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A3.1.2: search is public; the query is required, at most 200 characters,
// its spaces collapsed; every bad field is named at once and the store is
// not asked.
func TestSearchItems(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		query  app.SearchQuery
		size   int
		want   errs.Kind
		fields []string
		asked  app.SearchQuery
	}{
		{"Korean query", app.SearchQuery{Text: "  공공   자전거 "}, 0, errstest.Succeeds, nil, app.SearchQuery{Text: "공공 자전거"}},
		{"filters and language", app.SearchQuery{Text: "축제", Kind: domain.KindCulture, Department: "SMG-CULTURE", Language: "JA"}, 500,
			errstest.Succeeds, nil, app.SearchQuery{Text: "축제", Kind: domain.KindCulture, Department: "SMG-CULTURE", Language: "ja"}},
		{"blank", app.SearchQuery{Text: "   "}, 0, errs.KindInvalid, []string{"query"}, app.SearchQuery{}},
		{"too long", app.SearchQuery{Text: strings.Repeat("가", 201)}, 0, errs.KindInvalid, []string{"query"}, app.SearchQuery{}},
		{"every bad field", app.SearchQuery{Kind: "weather", Department: "digital", Language: "??"}, 0, errs.KindInvalid,
			[]string{"query", "kind", "department_code", "language"}, app.SearchQuery{}},
		{"negative page size", app.SearchQuery{Text: "축제"}, -5, errs.KindInvalid, []string{"page_size"}, app.SearchQuery{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			_, _, err := f.app.SearchItems(as(anonymous), tc.query, pagetoken.Page{Size: tc.size})
			errstest.RequireOutcome(t, tc.want, "", err)
			for _, field := range tc.fields {
				requireInvalid(t, err, field)
			}
			require.Equal(t, tc.asked, f.items.searched)
			if tc.want == errstest.Succeeds {
				require.Equal(t, min(max(tc.size, 20), 100), f.items.page.Size)
			}
		})
	}
}
