package app_test

import (
	"context"
	"crypto/ed25519"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// A10.1: the anchor job signs the chain's head when it grew, publishes the
// anchor as an event, and verification holds the chain to the anchors: a
// rewrite made consistently with the chain key is reported at the anchor.
// The anchors are public.
func TestAnchorAccessLog(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	n, err := f.app.AnchorAccessLog(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "nothing to anchor in an empty log")
	f.store(t, "cit-1", "phone", "010-1234-5678")
	f.store(t, "cit-2", "phone", "010-2222-3333")
	n, err = f.app.AnchorAccessLog(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = f.app.AnchorAccessLog(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "nothing new since")
	require.Len(t, f.events, 1)
	anchored := f.events[0].(domain.AccessLogAnchored).Anchor
	require.EqualValues(t, 2, anchored.Seq)
	require.True(t, ed25519.Verify(f.app.AnchorPublicKey(), anchored.Statement(), anchored.Signature))

	list, _, err := f.app.ListAccessLogAnchors(as(anonymous), 0, "")
	require.NoError(t, err, "public")
	require.Len(t, list, 1)

	check, err := f.app.VerifyAccessLog(as(officer))
	require.NoError(t, err)
	require.True(t, check.Intact)
	require.EqualValues(t, 1, check.AnchorsChecked)

	// Rewrite the first entry and re-link the whole chain with the key.
	f.log[0].Reason = "rewritten"
	entries := f.log
	f.log = nil
	f.appendLog(entries...)
	check, err = f.app.VerifyAccessLog(as(officer))
	require.NoError(t, err)
	require.False(t, check.Intact)
	require.Zero(t, check.FirstBrokenSeq, "the chain itself is consistent")
	require.EqualValues(t, 2, check.AnchorMismatchSeq)
}
