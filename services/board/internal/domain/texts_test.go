package domain_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// TestA2_GroundCatalogueInFourLanguages: every ground of Article 5 has its
// tombstone notice and its title in Korean, English, Chinese and Japanese,
// all current; the Korean notice is the statement tombstones always gave.
func TestA2_GroundCatalogueInFourLanguages(t *testing.T) {
	t.Parallel()
	for n := 1; n <= 9; n++ {
		g, ok := domain.ParseGround("A5." + string(rune('0'+n)))
		require.True(t, ok)
		for _, text := range []localized.Text{g.NoticeText(), g.TitleText()} {
			for _, lang := range []string{"ko", "en", "zh-Hans", "zh-CN", "ja"} {
				s := text.Serve(lang)
				require.Equal(t, localized.Current, s.State, "%s %s", g, lang)
				require.NotEmpty(t, s.Text, "%s %s", g, lang)
				if lang != "ko" {
					require.NotEqual(t, text.Serve("ko").Text, s.Text, "%s %s is translated", g, lang)
				}
			}
		}
		require.Equal(t, g.Notice(), g.NoticeText().Serve("").Text)
	}
	require.Equal(t, localized.Untranslated, domain.Ground("A5.6").NoticeText().Serve("fr").State)
}

// TestA2_BoardEditMakesUntouchedTranslationsStale: a new Korean name makes
// translations not given with it stale; a bad edit changes nothing.
func TestA2_BoardEditMakesUntouchedTranslationsStale(t *testing.T) {
	t.Parallel()
	b, err := domain.ValidateBoard(domain.NewBoard{Name: "자유게시판", Purpose: "자유 의견",
		NameTranslations: map[string]string{"en": "Open board", "ja": "自由掲示板"},
		Board:            domain.Board{DepartmentCode: "SMG-CIVIL"}})
	require.NoError(t, err)
	ko := "시민 자유게시판"
	require.NoError(t, b.Edit(domain.BoardEdit{Name: domain.TextEdit{Ko: &ko, Translations: map[string]string{"EN": "Citizens' open board"}}}))
	require.Equal(t, localized.Served{Language: "en", Text: "Citizens' open board", State: localized.Current,
		Translations: []localized.Translation{{Language: "en"}, {Language: "ja", Stale: true}}}, b.Name.Serve("en"))
	require.Equal(t, localized.Stale, b.Name.Serve("ja").State)

	before := b
	empty := ""
	err = b.Edit(domain.BoardEdit{Name: domain.TextEdit{Ko: &empty}, Purpose: domain.TextEdit{Translations: map[string]string{"zh-Hans": "自由意见"}}})
	require.Error(t, err)
	require.Equal(t, before, b, "nothing changed")
}
