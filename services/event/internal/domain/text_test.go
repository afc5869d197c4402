package domain_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// TestA2_EditedKoreanMakesUnchangedTranslationsStale: a title in four
// languages; changing the Korean text and only the English translation
// leaves Chinese and Japanese stale (served in Korean, marked), English
// current; a text new in the edit starts current.
func TestA2_EditedKoreanMakesUnchangedTranslationsStale(t *testing.T) {
	t.Parallel()
	e := draftEvent()
	e.Draft.Title = domain.NewText(map[string]string{"ko": "빛초롱 퀴즈", "en": "Lantern quiz", "zh-hans": "灯笼问答", "ja": "灯りクイズ"})
	e.Draft.Normalize()
	require.Equal(t, localized.Current, e.Draft.Title.Serve("zh-CN").State, "zh-CN finds zh-Hans")

	d := validDraft()
	d.Title = domain.NewText(map[string]string{"ko": "빛초롱 축제 퀴즈", "en": "Lantern festival quiz", "zh-Hans": "灯笼问答", "ja": "灯りクイズ"})
	d.Prizes[0].Name = domain.NewText(map[string]string{"ko": "상품권", "en": "Gift certificate"})
	require.NoError(t, e.Edit(d, start.Add(-time.Hour)))

	title := e.Draft.Title
	require.Equal(t, 2, title.Revision)
	en := title.Serve("en")
	require.Equal(t, localized.Current, en.State)
	require.Equal(t, "Lantern festival quiz", en.Text)
	for _, lang := range []string{"zh-Hans", "ja"} {
		s := title.Serve(lang)
		require.Equal(t, localized.Stale, s.State, lang)
		require.Equal(t, "빛초롱 축제 퀴즈", s.Text, "a stale translation is served as the Korean text")
	}
	require.Equal(t, localized.Untranslated, e.Draft.Description.Serve("ja").State)
	require.Equal(t, localized.Current, e.Draft.Prizes[0].Name.Serve("en").State)
}

// TestA2_TextsStoredBeforeLocalizationStillRead: drafts stored with the
// old ko/en/others shape read as current translations.
func TestA2_TextsStoredBeforeLocalizationStillRead(t *testing.T) {
	t.Parallel()
	var d domain.Draft
	require.NoError(t, json.Unmarshal([]byte(`{"title":{"ko":"퀴즈","en":"Quiz","others":{"ja":"クイズ"}},"description":{"ko":"설명"}}`), &d))
	require.Equal(t, "퀴즈", d.Title.Ko())
	require.Equal(t, "クイズ", d.Title.Serve("ja").Text)
	require.Equal(t, localized.Current, d.Title.Serve("en").State)
	require.Equal(t, localized.Untranslated, d.Description.Serve("en").State)

	b, err := json.Marshal(d.Title)
	require.NoError(t, err)
	var again domain.Text
	require.NoError(t, json.Unmarshal(b, &again))
	require.Equal(t, d.Title, again, "the stored form round-trips")
}
