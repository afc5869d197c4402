package localized_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
)

func board(t *testing.T) localized.Text {
	t.Helper()
	var v errs.Violations
	text := localized.New("name", map[string]string{"ko": "자유게시판", "en": "Open board", "zh-hans": "自由留言板"}, 100, &v)
	require.NoError(t, v.Err())
	return text
}

// A2: a reader gets their language when it is current, otherwise the
// Korean reference with an explicit marker.
func TestA2_ServesTheReadersLanguageOrMarkedKorean(t *testing.T) {
	t.Parallel()
	text := board(t)
	require.Equal(t, localized.Served{Language: "ko", Text: "자유게시판", State: localized.Current,
		Translations: []localized.Translation{{Language: "en"}, {Language: "zh-Hans"}}}, text.Serve(""))

	en := text.Serve("en")
	require.Equal(t, "Open board", en.Text)
	require.Equal(t, localized.Current, en.State)

	zh := text.Serve("zh-CN")
	require.Equal(t, "zh-Hans", zh.Language, "a reader of zh-CN gets the Chinese text kept as zh-Hans")

	ja := text.Serve("ja")
	require.Equal(t, localized.Served{Language: "ko", Text: "자유게시판", State: localized.Untranslated,
		Translations: ja.Translations}, ja)
}

func TestA2_ChangedKoreanMakesTranslationsNotGivenWithItStale(t *testing.T) {
	t.Parallel()
	text := board(t)
	var v errs.Violations
	text.Apply("name", map[string]string{"ko": "시민 자유게시판", "zh-Hans": "市民自由留言板"}, 100, &v)
	require.NoError(t, v.Err())

	en := text.Serve("en")
	require.Equal(t, localized.Stale, en.State)
	require.Equal(t, "시민 자유게시판", en.Text, "a stale translation is never served as if current")
	require.Equal(t, []localized.Translation{{Language: "en", Stale: true}, {Language: "zh-Hans"}}, en.Translations)
	require.Equal(t, "市民自由留言板", text.Serve("zh").Text)

	text.Apply("name", map[string]string{"en": "Citizens' open board"}, 100, &v)
	require.Equal(t, localized.Current, text.Serve("en").State, "a new translation catches up")

	text.Apply("name", map[string]string{"en": ""}, 100, &v)
	require.Equal(t, localized.Untranslated, text.Serve("en").State, "an empty translation removes it")
	require.NoError(t, v.Err())
}

func TestBadTextsNameTheirField(t *testing.T) {
	t.Parallel()
	var v errs.Violations
	localized.New("name", map[string]string{"en": "Open", "english!": "x", "ja": "とても長い文章です"}, 5, &v)
	err := v.Err()
	require.Error(t, err)
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	var fields []string
	for _, fv := range e.Violations {
		fields = append(fields, fv.Field)
	}
	require.ElementsMatch(t, []string{"name.texts.english!", "name.texts.ja", "name.texts.ko"}, fields)

	text := board(t)
	text.Apply("name", map[string]string{"ko": " "}, 100, &v)
	require.Equal(t, "자유게시판", text.Serve("").Text, "the Korean text cannot be blanked")
}
