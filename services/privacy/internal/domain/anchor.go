package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// ChainHead is the access log's newest entry and its link.
type ChainHead struct {
	Seq  int64
	Hash []byte
}

// Anchor is a signed checkpoint of the access log's hash chain (A10.1):
// the link at entry Seq, signed with a key the database never holds and
// published outside it, so a chain rewritten after the anchor — even
// consistently, with the chain key — no longer matches it.
type Anchor struct {
	Number    int64
	Seq       int64
	Head      []byte
	At        time.Time
	Previous  []byte // SHA-256 of the previous anchor's signature
	Signature []byte
}

// Statement is what the signature covers, in a form anyone can rebuild
// from the published anchor.
func (a Anchor) Statement() []byte {
	return fmt.Appendf(nil, "seoul-privacy-access-log-anchor/v1\n%d\n%d\n%s\n%s\n%s", a.Number, a.Seq,
		hex.EncodeToString(a.Head), a.At.UTC().Format(time.RFC3339Nano), hex.EncodeToString(a.Previous))
}

// AccessLogAnchored: a checkpoint was signed; published so the anchor is
// kept outside the privacy database.
type AccessLogAnchored struct{ Anchor Anchor }

func (AccessLogAnchored) isEvent() {}

// Anchoring is the access log as the anchor job sees it: the newest anchor
// (nil before the first) and the chain's head, read under the log's append
// lock so the head cannot move meanwhile.
type Anchoring struct {
	Last *Anchor
	Head ChainHead
	New  *Anchor
	recorder
}

// Anchor signs a checkpoint of the head when the chain grew since the
// last one, and reports whether it did.
func (x *Anchoring) Anchor(at time.Time, sign func(statement []byte) []byte) bool {
	if x.Head.Seq == 0 || (x.Last != nil && x.Last.Seq >= x.Head.Seq) {
		return false
	}
	a := Anchor{Number: 1, Seq: x.Head.Seq, Head: x.Head.Hash, At: at, Previous: []byte{}}
	if x.Last != nil {
		prev := sha256.Sum256(x.Last.Signature)
		a.Number, a.Previous = x.Last.Number+1, prev[:]
	}
	a.Signature = sign(a.Statement())
	x.New = &a
	x.record(AccessLogAnchored{Anchor: a})
	return true
}

// CheckAnchors returns the index of the first anchor (oldest first) that
// is not genuine — a bad signature, a gap in the numbering, a broken link
// to its predecessor — or -1 when all are.
func CheckAnchors(anchors []Anchor, verify func(statement, signature []byte) bool) int {
	for i, a := range anchors {
		want := []byte(nil)
		if i > 0 {
			sum := sha256.Sum256(anchors[i-1].Signature)
			want = sum[:]
		}
		if a.Number != int64(i+1) || !hmac.Equal(a.Previous, want) || !verify(a.Statement(), a.Signature) {
			return i
		}
	}
	return -1
}
