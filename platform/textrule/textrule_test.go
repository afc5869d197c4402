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
