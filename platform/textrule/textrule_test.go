package textrule_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/textrule"
)

func TestBlankSeesThroughInvisibleKorean(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "   ", "\u3164\u3164", "\u115f\u1160 \ufeff", "\u200b", "\t\n"} {
		require.True(t, textrule.Blank(s), "%q", s)
	}
	for _, s := range []string{"가", " 제안 ", "a\u200b", "1"} {
		require.False(t, textrule.Blank(s), "%q", s)
	}
}

func TestHasControlAllowsLineBreaksAndTabs(t *testing.T) {
	t.Parallel()
	require.False(t, textrule.HasControl("첫 줄\n둘째 줄\r\n\t들여쓰기"))
	for _, s := range []string{"a\x00b", "\x07", "x\x1b[31m", "\u0085"} {
		require.True(t, textrule.HasControl(s), "%q", s)
	}
}

// Bidirectional controls and byte order marks are found wherever they hide;
// ordinary Korean, English, Arabic letters and zero-width joiners are not.
func TestHiddenFindsBidiControlsAndByteOrderMarks(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]rune{
		"invoice\u202Etxt.exe": '\u202E', "\uFEFF공지": '\uFEFF', "a\u2066b\u2069": '\u2066',
		"\u200F": '\u200F', "x\u061Cy": '\u061C', "가\u202Ab": '\u202A',
	} {
		r, ok := textrule.Hidden(s)
		require.True(t, ok, "%q", s)
		require.Equal(t, want, r, "%q", s)
	}
	for _, s := range []string{"", "횡단보도 신호 개선", "Seoul City Hall", "مرحبا", "👩\u200D👩", "a\tb\nc"} {
		_, ok := textrule.Hidden(s)
		require.False(t, ok, "%q", s)
	}
}
