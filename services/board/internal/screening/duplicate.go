package screening

import (
	"cmp"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Near-duplicate detection (A5.8): the same person posting the same or
// similar content. Texts are compared as sets of character 3-grams of a
// canonical form (NFKC, lower case, letters and digits only), by Jaccard
// similarity. Canonical equality is an exact repeat.

// ShingleSize is the n of the character n-grams.
const ShingleSize = 3

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
	s := Shingles{}
	if len(rs) < ShingleSize {
		s[hashRunes(rs)] = struct{}{}
		return s
	}
	for i := 0; i+ShingleSize <= len(rs); i++ {
		s[hashRunes(rs[i:i+ShingleSize])] = struct{}{}
	}
	return s
}

func hashRunes(rs []rune) uint64 {
	h := fnv.New64a()
	var buf [4]byte
	for _, r := range rs {
		buf[0], buf[1], buf[2], buf[3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
		_, _ = h.Write(buf[:])
	}
	return h.Sum64()
}

// Jaccard is |a∩b| / |a∪b|.
func Jaccard(a, b Shingles) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
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
		if j := Jaccard(mine, ShinglesOf(p.Canonical)); j >= threshold {
			out.Near = append(out.Near, Similar{ID: p.ID, Similarity: j})
		}
	}
	slices.SortStableFunc(out.Near, func(a, b Similar) int { return cmp.Compare(b.Similarity, a.Similarity) })
	return out
}
