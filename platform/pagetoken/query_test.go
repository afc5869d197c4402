package pagetoken_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
)

type queryPosition struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

func TestTokenBoundToItsQuery(t *testing.T) {
	t.Parallel()
	q := pagetoken.Fingerprint("D100", "notice")
	pos := queryPosition{At: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC), ID: "a"}
	token := pagetoken.EncodeFor(q, pos)

	var got queryPosition
	ok, err := pagetoken.DecodeFor(token, q, &got)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, pos, got)

	_, err = pagetoken.DecodeFor(token, pagetoken.Fingerprint("D200", "notice"), &got)
	require.True(t, errs.Is(err, errs.KindInvalid), "a token replayed with other filters is refused")

	ok, err = pagetoken.DecodeFor("", q, &got)
	require.NoError(t, err)
	require.False(t, ok, "no token is the first page")

	_, err = pagetoken.DecodeFor("not-a-token!", q, &got)
	require.True(t, errs.Is(err, errs.KindInvalid))
}

func TestCutServesSizeAndPointsAfterTheLastRow(t *testing.T) {
	t.Parallel()
	next := func(last int) string { return pagetoken.EncodeFor("q", last) }
	rows, token := pagetoken.Cut([]int{1, 2, 3}, 2, next)
	require.Equal(t, []int{1, 2}, rows)
	var after int
	ok, err := pagetoken.DecodeFor(token, "q", &after)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 2, after)

	rows, token = pagetoken.Cut([]int{1, 2}, 2, next)
	require.Equal(t, []int{1, 2}, rows)
	require.Empty(t, token, "exactly a full page with nothing beyond it is the last page")
}
