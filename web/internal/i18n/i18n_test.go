package i18n

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBothLanguagesHaveEveryMessage(t *testing.T) {
	t.Parallel()
	require.NotEmpty(t, IDs(Korean))
	require.Equal(t, IDs(Korean), IDs(English), "ui.ko.json and ui.en.json name the same messages")
}

func TestNegotiate(t *testing.T) {
	t.Parallel()
	cases := []struct{ chosen, accept, want string }{
		{"", "", Korean},
		{"", "en-US,en;q=0.9", English},
		{"", "ja-JP,ja;q=0.9", Korean},
		{"", "ko-KR,en;q=0.5", Korean},
		{"ko", "en-US", Korean},
		{"en", "ko-KR", English},
		{"fr", "xx;;;", Korean},
	}
	for _, c := range cases {
		require.Equal(t, c.want, Negotiate(c.chosen, c.accept), "%q / %q", c.chosen, c.accept)
	}
}

func TestMessagesRenderTheirArguments(t *testing.T) {
	t.Parallel()
	require.Equal(t, "1,000원", For(Korean).T("money", "n", "1,000"))
	require.Equal(t, "1,000 won", For(English).T("money", "n", "1,000"))
	require.Equal(t, "no.such.message", For(Korean).T("no.such.message"), "a missing message shows its id")
}
