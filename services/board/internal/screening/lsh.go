package screening

import (
	"encoding/binary"
	"hash/fnv"
)

// The index behind the repeat check (A5.8). Comparing a new text with every
// text its author wrote in the last month would cost a read of all of them;
// instead each text gets a MinHash signature of its 2-gram shingles, cut
// into 96 bands of 2 rows, and each band is hashed into a bucket. Two texts
// with Jaccard similarity J share each bucket with probability J², and the
// index hands over only texts sharing at least MinSharedBuckets of them:
// 99% of texts at J = 0.3 (the default threshold), 94% at 0.25, 37% at 0.15
// and 7% at 0.1 — Korean civic texts on different subjects still share
// endings (주세요, 합니다), around J = 0.1, so a single shared bucket would
// let most of a prolific author's texts through. The comparison then
// decides on the few candidates. The author is hashed into every bucket, so
// one author's texts never meet another's in the index.
const (
	lshBands = 96
	lshRows  = 2
	// MinSharedBuckets is how many buckets a candidate shares at least.
	MinSharedBuckets = 3
	// lshVersion changes the buckets when the parameters change, so stale
	// buckets cannot match new ones.
	lshVersion = 2
)

// seeds are the MinHash functions' keys, fixed so buckets stored months
// ago still compare with today's.
var seeds = func() [lshBands * lshRows]uint64 {
	var s [lshBands * lshRows]uint64
	x := uint64(0x5e0b1b0a6d)
	for i := range s {
		x = splitmix(x)
		s[i] = x
	}
	return s
}()

// splitmix is the SplitMix64 finaliser: a cheap, well-mixed 64-bit hash.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Buckets are the LSH buckets of an author's canonical text, to store with
// the text and to look candidates up by. A text shorter than minRunes has
// none: it is never compared.
func Buckets(author, canonical string, minRunes int) []int64 {
	if len([]rune(canonical)) < minRunes {
		return []int64{}
	}
	var sig [lshBands * lshRows]uint64
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for sh := range ShinglesOf(canonical) {
		for i, seed := range seeds {
			sig[i] = min(sig[i], splitmix(sh^seed))
		}
	}
	out := make([]int64, lshBands)
	var buf [8]byte
	for b := range lshBands {
		h := fnv.New64a()
		_, _ = h.Write([]byte(author))
		_, _ = h.Write([]byte{0, lshVersion, byte(b)})
		for _, v := range sig[b*lshRows : (b+1)*lshRows] {
			binary.LittleEndian.PutUint64(buf[:], v)
			_, _ = h.Write(buf[:])
		}
		out[b] = int64(h.Sum64())
	}
	return out
}
