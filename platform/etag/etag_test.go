package etag_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/etag"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	require.NoError(t, etag.Check("", etag.Of(7)), "no etag: unconditional")
	require.NoError(t, etag.Check(etag.Of(7), etag.Of(7)))
	require.True(t, errs.Is(etag.Check(etag.Of(6), etag.Of(7)), errs.KindConflict))
	require.True(t, errs.Is(etag.Check("W/\"7\"", etag.Of(7)), errs.KindConflict), "a weak or foreign tag never matches")
}
