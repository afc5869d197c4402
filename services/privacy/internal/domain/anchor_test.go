package domain_test

import (
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// anchorAt signs a checkpoint of entries[:n] after last.
func anchorAt(t *testing.T, key ed25519.PrivateKey, last *domain.Anchor, entries []domain.AccessEntry, n int) *domain.Anchor {
	t.Helper()
	x := domain.Anchoring{Last: last, Head: domain.ChainHead{Seq: entries[n-1].Seq, Hash: entries[n-1].Hash}}
	require.True(t, x.Anchor(time.Unix(1700001000+int64(n), 0), func(s []byte) []byte { return ed25519.Sign(key, s) }))
	require.Equal(t, []domain.Event{domain.AccessLogAnchored{Anchor: *x.New}}, x.Events())
	return x.New
}

func verifyAnchored(key []byte, entries []domain.AccessEntry, anchors []domain.Anchor) domain.ChainCheck {
	v := domain.NewChainVerifier(key, anchors)
	for _, e := range entries {
		if !v.Next(e) {
			break
		}
	}
	return v.Finish()
}

// A10.1: a chain rewritten consistently with the chain key verifies on its
// own, but not against the anchors signed before the rewrite; removing
// entries after an anchor, or tampering with an anchor, is found too.
func TestA10_1_AnchorsCatchAConsistentRewrite(t *testing.T) {
	t.Parallel()
	chainKey := []byte("chain-key")
	_, signer, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	entries := chain(chainKey, 6)
	first := anchorAt(t, signer, nil, entries, 3)
	second := anchorAt(t, signer, first, entries, 6)
	anchors := []domain.Anchor{*first, *second}
	x := domain.Anchoring{Last: second, Head: domain.ChainHead{Seq: 6, Hash: entries[5].Hash}}
	require.False(t, x.Anchor(time.Now(), nil), "nothing new to anchor")

	c := verifyAnchored(chainKey, entries, anchors)
	require.True(t, c.Intact)
	require.EqualValues(t, 2, c.AnchorsChecked)

	rewritten := chain(chainKey, 6) // same key, other history
	rewritten[1].Reason = "rewritten"
	var prev []byte
	for i := range rewritten {
		rewritten[i].PrevHash, rewritten[i].Hash = prev, rewritten[i].ChainHash(chainKey, prev)
		prev = rewritten[i].Hash
	}
	require.True(t, verifyAnchored(chainKey, rewritten, nil).Intact, "the rewrite is consistent")
	c = verifyAnchored(chainKey, rewritten, anchors)
	require.False(t, c.Intact)
	require.EqualValues(t, 3, c.AnchorMismatchSeq)
	require.Zero(t, c.FirstBrokenSeq)

	c = verifyAnchored(chainKey, entries[:4], anchors)
	require.False(t, c.Intact, "entries after an anchor were removed")
	require.EqualValues(t, 6, c.AnchorMismatchSeq)

	verifySig := func(s, sig []byte) bool { return ed25519.Verify(signer.Public().(ed25519.PublicKey), s, sig) }
	require.Equal(t, -1, domain.CheckAnchors(anchors, verifySig))
	forged := []domain.Anchor{*first, *second}
	forged[1].Head = rewritten[5].Hash
	require.Equal(t, 1, domain.CheckAnchors(forged, verifySig), "a re-pointed anchor's signature fails")
	require.Equal(t, 0, domain.CheckAnchors([]domain.Anchor{*second}, verifySig), "the first anchor was removed")
}
