package pagetoken_test

import (
	"encoding/base64"
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

func TestIDTokens(t *testing.T) {
	t.Parallel()
	id := "01a22423-ec71-76aa-b006-4b95e7c5b8ff"
	got, err := pagetoken.DecodeID(pagetoken.EncodeID(id))
	require.NoError(t, err)
	require.Equal(t, id, got)

	got, err = pagetoken.DecodeID("")
	require.NoError(t, err)
	require.Empty(t, got, "no token is the first page")

	for _, bad := range []string{pagetoken.EncodeID("not-a-uuid"), pagetoken.Encode(struct{ X int }{1}), "%%%"} {
		_, err := pagetoken.DecodeID(bad)
		require.Equal(t, errs.KindInvalid, errs.KindOf(err), bad)
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

func TestSeqTokens(t *testing.T) {
	t.Parallel()
	got, err := pagetoken.DecodeSeq(pagetoken.EncodeSeq(4294967296))
	require.NoError(t, err)
	require.Equal(t, int64(4294967296), got)
	got, err = pagetoken.DecodeSeq("")
	require.NoError(t, err)
	require.Zero(t, got, "no token is the first page")
	for _, bad := range []string{`{"b":0}`, `{"b":-1}`, `{"b":9007199254740992}`, `{"b":9223372036854775807}`,
		`{"b":1e40}`, `{"b":1.5}`, `{"b":"7"}`} {
		_, err := pagetoken.DecodeSeq(base64.RawURLEncoding.EncodeToString([]byte(bad)))
		require.Equal(t, errs.KindInvalid, errs.KindOf(err), bad)
	}
}
