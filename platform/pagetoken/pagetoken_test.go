package pagetoken_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
)

type position struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

func TestRoundTripAndBadTokens(t *testing.T) {
	t.Parallel()
	in := position{At: time.Date(2026, 11, 28, 9, 0, 0, 123000, time.UTC), ID: "x-1"}
	var out position
	ok, err := pagetoken.Decode(pagetoken.Encode(in), &out)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, in, out)

	ok, err = pagetoken.Decode("", &out)
	require.NoError(t, err)
	require.False(t, ok, "no token is the first page")
	for _, bad := range []string{"%%%", "bm90IGpzb24", "e30x"} {
		_, err = pagetoken.Decode(bad, &out)
		require.True(t, errs.Is(err, errs.KindInvalid), bad)
	}
}

func TestSize(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want int }{{0, 20}, {1, 1}, {100, 100}, {101, 100}} {
		got, err := pagetoken.Size(c.in, 20, 100)
		require.NoError(t, err)
		require.Equal(t, c.want, got, c.in)
	}
	_, err := pagetoken.Size(-1, 20, 100)
	require.Equal(t, errs.KindInvalid, errs.KindOf(err))
	require.Contains(t, err.Error(), "page_size")
}
