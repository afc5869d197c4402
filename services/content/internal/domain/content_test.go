package domain_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

func ko(title string) domain.RawTexts {
	return domain.RawTexts{Title: map[string]string{"ko": title}}
}

// A2, A4.2: bad content names every bad field.
func TestNewContentRejectsBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		dept  string
		kind  domain.Kind
		slug  string
		texts domain.RawTexts
		tags  []string
		atts  []domain.Attachment
		field string
	}{
		{"missing department (A4.2)", "", domain.KindPolicy, "", ko("정책"), nil, nil, "department_code"},
		{"bad department code", "smg digital", domain.KindPolicy, "", ko("정책"), nil, nil, "department_code"},
		{"empty Korean title (A2)", "SMG-DIGITAL", domain.KindPolicy, "", ko("  "), nil, nil, "title.ko"},
		{"no Korean at all (A2)", "SMG-DIGITAL", domain.KindPolicy, "", domain.RawTexts{Title: map[string]string{"en": "Policy"}}, nil, nil, "title.ko"},
		{"unknown kind", "SMG-DIGITAL", "weather", "", ko("정책"), nil, nil, "kind"},
		{"missing kind", "SMG-DIGITAL", "", "", ko("정책"), nil, nil, "kind"},
		{"invalid language tag", "SMG-DIGITAL", domain.KindPolicy, "", domain.RawTexts{Title: map[string]string{"ko": "정책", "english!": "x"}}, nil, nil, "title.english!"},
		{"oversized title", "SMG-DIGITAL", domain.KindPolicy, "", ko(strings.Repeat("가", domain.MaxTitle+1)), nil, nil, "title.ko"},
		{"oversized body", "SMG-DIGITAL", domain.KindPolicy, "", domain.RawTexts{Title: map[string]string{"ko": "정책"}, Body: map[string]string{"ko": strings.Repeat("a", domain.MaxBody+1)}}, nil, nil, "body.ko"},
		{"translation without title", "SMG-DIGITAL", domain.KindPolicy, "", domain.RawTexts{Title: map[string]string{"ko": "정책"}, Body: map[string]string{"en": "text"}}, nil, nil, "title.en"},
		{"bad slug", "SMG-DIGITAL", domain.KindPolicy, "Bad Slug", ko("정책"), nil, nil, "slug"},
		{"empty tag", "SMG-DIGITAL", domain.KindPolicy, "", ko("정책"), []string{"ok", " "}, nil, "tags[1]"},
		{"attachment url", "SMG-DIGITAL", domain.KindPolicy, "", ko("정책"), nil, []domain.Attachment{{Name: "a.pdf", URL: "file:///etc/passwd"}}, "attachments[0].url"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := domain.NewContent(tc.dept, tc.kind, tc.slug, tc.texts, tc.tags, tc.atts)
			require.Contains(t, errstest.Fields(t, err), tc.field)
		})
	}
}

func TestNewContentReportsEveryBadField(t *testing.T) {
	t.Parallel()
	_, err := domain.NewContent("", "nope", "", ko(""), nil, nil)
	require.ElementsMatch(t, []string{"department_code", "kind", "title.ko"}, errstest.Fields(t, err))
}

func TestNewContentNormalizes(t *testing.T) {
	t.Parallel()
	c, err := domain.NewContent("SMG-DIGITAL", domain.KindPolicy, "smart-city",
		domain.RawTexts{Title: map[string]string{"ko": " 스마트 도시 ", "ZH-hans": "智慧城市"}},
		[]string{"Smart", "smart", "도시"}, nil)
	require.NoError(t, err)
	require.Equal(t, "스마트 도시", c.Texts["ko"].Title)
	require.Contains(t, c.Texts, "zh-Hans")
	require.Equal(t, []string{"smart", "도시"}, c.Tags)
}

func TestDepartmentValidate(t *testing.T) {
	t.Parallel()
	good := domain.Department{Code: "SMG-DIGITAL", NameKo: "디지털정책과", Phone: "02-2133-2900", Email: "digital@seoul.go.kr"}
	require.NoError(t, good.Validate())
	bad := domain.Department{Code: "x", NameKo: "", Phone: "call me", Email: "not an email", ParentCode: "x"}
	require.ElementsMatch(t, []string{"code", "name_ko", "phone", "email", "parent_code", "parent_code"}, errstest.Fields(t, bad.Validate()))
}
