package screening

import (
	_ "embed"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

//go:embed testdata/duplicate_corpus.tsv
var duplicateCorpus string

// corpusThreshold is the service's default BOARD_DUPLICATE_THRESHOLD.
const corpusThreshold = 0.3

type corpusText struct{ group, kind, text string }

func loadDuplicateCorpus(t *testing.T) []corpusText {
	t.Helper()
	var out []corpusText
	for _, line := range strings.Split(duplicateCorpus, "\n") {
		parts := strings.Split(line, "\t")
		if len(parts) == 3 && !strings.HasPrefix(line, "#") {
			out = append(out, corpusText{parts[0], parts[1], parts[2]})
		}
	}
	require.Greater(t, len(out), 40, "corpus too small to measure")
	return out
}

// caught runs the check as the service does: the index (shared LSH
// buckets of the same author) finds the candidates, the comparison decides.
func caught(author, prior, text string) bool {
	p, c := Canonical(prior), Canonical(text)
	if !sharesBucket(Buckets(author, p, 10), Buckets(author, c, 10)) {
		return false
	}
	check := CheckDuplicates(c, []Prior{{ID: "prior", Canonical: p}}, corpusThreshold, 10)
	return check.Exact != "" || len(check.Near) > 0
}

func sharesBucket(a, b []int64) bool {
	shared := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			shared++
		}
	}
	return shared >= MinSharedBuckets
}

// A5.8: precision and recall of the near-duplicate check, index included,
// on a corpus of civic posts: the same author's light rewordings (endings,
// particles, spacing, synonyms, sentence order) must be caught; different
// posts on the same topic and posts on other topics must not.
func TestNearDuplicateCorpusA5_8(t *testing.T) {
	t.Parallel()
	corpus := loadDuplicateCorpus(t)
	bases := map[string]string{}
	for _, c := range corpus {
		if c.kind == "base" {
			bases[c.group] = c.text
		}
	}
	var tp, fp, fn, tn int
	var wrong []string
	judge := func(want bool, prior, text string) {
		got := caught("author-1", prior, text)
		switch {
		case got && want:
			tp++
		case got:
			fp++
			wrong = append(wrong, "false alarm: "+text)
		case want:
			fn++
			wrong = append(wrong, "missed: "+text)
		default:
			tn++
		}
	}
	for _, c := range corpus {
		if c.kind != "base" {
			judge(c.kind == "reword", bases[c.group], c.text)
		}
	}
	for g, a := range bases {
		for h, b := range bases {
			if g < h {
				judge(false, a, b)
			}
		}
	}
	precision, recall := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("near-duplicate corpus: %d rewordings, %d different pairs; precision %.3f, recall %.3f", tp+fn, tn+fp, precision, recall)
	require.Empty(t, wrong, "precision %.3f, recall %.3f", precision, recall)
}

// A5.8: the index keeps authors apart — the same text by two people shares
// no bucket, so one citizen's posts never make another's a "repeat".
func TestBucketsPerAuthorA5_8(t *testing.T) {
	t.Parallel()
	text := Canonical("광화문 광장 주변 자전거 도로를 넓혀 주세요. 출퇴근 시간에 너무 위험합니다.")
	a, b := Buckets("author-1", text, 10), Buckets("author-2", text, 10)
	require.Len(t, a, lshBands)
	require.Equal(t, a, Buckets("author-1", text, 10), "buckets are stable")
	require.False(t, sharesBucket(a, b))
	require.Empty(t, Buckets("author-1", Canonical("동의합니다"), 10), "short texts are never compared")
}

// BenchmarkBuckets measures the signature of a post (192 MinHash functions
// over its 2-grams), paid once per create or edit.
func BenchmarkBuckets(b *testing.B) {
	c := Canonical(benchPost)
	b.ReportAllocs()
	for b.Loop() {
		_ = Buckets("bench-author", c, 10)
	}
}
