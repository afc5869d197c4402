package screening

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Near-duplicate detection (A5.8): the same person posting the same or
// similar content. Texts are compared as sets of character 2-grams of a
// canonical form (NFKC, lower case, letters and digits only): in Korean a
// 2-gram is two syllables, which survives the light rewordings a repeat
// poster makes (particles and endings changed, spaces moved, sentences
// reordered: 넓혀 주세요 → 넓혀 주시기 바랍니다) far better than 3-grams,
// while different posts on the same topic share few pairs (measured on
// testdata/duplicate_corpus.tsv). Two texts are near when their Jaccard
// similarity reaches the threshold, or when one is mostly contained in the
// other (a repost with a sentence added or cut). Canonical equality is an
// exact repeat.

// ShingleSize is the n of the character n-grams.
const ShingleSize = 2

// containmentThreshold: a text whose 2-grams are this much inside the
// other's (or the other's inside it) is a repeat with material added or
// cut, whatever its Jaccard similarity.
const containmentThreshold = 0.7

// Canonical is the form duplicates are compared in: spacing, punctuation,
// symbols and zero-width characters do not make a repeat new.
func Canonical(text string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Shingles is the set of hashed character n-grams of a canonical text. A
// text shorter than n is one shingle.
type Shingles map[uint64]struct{}

// ShinglesOf builds the shingle set of canonical text c.
func ShinglesOf(c string) Shingles {
	rs := []rune(c)
	s := make(Shingles, len(rs))
	if len(rs) < ShingleSize {
		s[hashRunes(rs)] = struct{}{}
		return s
	}
	for i := 0; i+ShingleSize <= len(rs); i++ {
		s[hashRunes(rs[i:i+ShingleSize])] = struct{}{}
	}
	return s
}

// hashRunes is 64-bit FNV-1a over the runes' little-endian bytes, written
// out so the hot loop of the repeat check allocates nothing.
func hashRunes(rs []rune) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, r := range rs {
		for shift := 0; shift < 32; shift += 8 {
			h = (h ^ uint64(byte(r>>shift))) * prime
		}
	}
	return h
}

// Jaccard is |a∩b| / |a∪b|.
func Jaccard(a, b Shingles) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := intersection(a, b)
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// Containment is |a∩b| / min(|a|, |b|): how much of the shorter text is
// inside the longer.
func Containment(a, b Shingles) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(intersection(a, b)) / float64(min(len(a), len(b)))
}

func intersection(a, b Shingles) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		}
	}
	return inter
}

// similarity is the Jaccard similarity, or the containment when that
// decides (a repost with material added), and whether it makes a
// near-duplicate.
func similarity(a, b Shingles, threshold float64) (float64, bool) {
	j := Jaccard(a, b)
	if j >= threshold {
		return j, true
	}
	if c := Containment(a, b); c >= containmentThreshold {
		return c, true
	}
	return j, false
}

// Prior is one of the author's recent texts, canonical.
type Prior struct {
	ID        string
	Canonical string
}

// Similar is a prior text close to the new one.
type Similar struct {
	ID         string
	Similarity float64
}

// DuplicateCheck compares a new canonical text with the author's recent
// ones. Exact is the id of an identical prior text ("" if none); Near lists
// prior texts at or above threshold, most similar first.
type DuplicateCheck struct {
	Exact string
	Near  []Similar
}

// CheckDuplicates runs the comparison. Texts shorter than minRunes are not
// compared: "동의합니다" under two posts is agreement, not spam.
func CheckDuplicates(c string, prior []Prior, threshold float64, minRunes int) DuplicateCheck {
	var out DuplicateCheck
	if len([]rune(c)) < minRunes {
		return out
	}
	mine := ShinglesOf(c)
	for _, p := range prior {
		if p.Canonical == c {
			out.Exact = p.ID
			return out
		}
		if sim, near := similarity(mine, ShinglesOf(p.Canonical), threshold); near {
			out.Near = append(out.Near, Similar{ID: p.ID, Similarity: sim})
		}
	}
	slices.SortStableFunc(out.Near, func(a, b Similar) int { return cmp.Compare(b.Similarity, a.Similarity) })
	return out
}
