package events

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A8.1: points are clawed back from, and restored to, the item the board
// names; an event naming neither a post nor a comment is refused (it goes
// to the dead letters), never applied to a guess.
func TestA8_1_TargetKindOfBoardEvents(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in          string
		emptyIsPost bool
		want        string
		ok          bool
	}{
		{"post", false, "post", true},
		{"comment", true, "comment", true},
		{"", true, "post", true},
		{"", false, "", false},
		{"poll", true, "", false},
	} {
		got, err := targetKind(c.in, c.emptyIsPost)
		require.Equal(t, c.ok, err == nil, c.in)
		require.Equal(t, c.want, got, c.in)
	}
}
