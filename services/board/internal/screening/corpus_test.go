package screening

import (
	_ "embed"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

//go:embed testdata/profanity_corpus.tsv
var profanityCorpus string

// A5.6: precision and recall of the profanity detector on a hand-labelled
// corpus of evasions (ㅅㅂ, 시1발, ㅂㅅ, s발, 병ㅅ, tlqkf, look-alikes) and of
// innocent words holding a listed one (시발점, 시발역, 병신년 as a year,
// 가자지구, 닥쳐올, 졸라서, 십만). Every miss and every false alarm is named.
func TestProfanityCorpusA5_6(t *testing.T) {
	t.Parallel()
	s := screener(t)
	var tp, fp, fn, tn int
	var wrong []string
	for _, line := range strings.Split(profanityCorpus, "\n") {
		label, text, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		_, flagged := finding(s.Screen("", text), DetectorProfanity)
		switch {
		case flagged && label == "1":
			tp++
		case flagged:
			fp++
			wrong = append(wrong, "false alarm: "+text)
		case label == "1":
			fn++
			wrong = append(wrong, "missed: "+text)
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("profanity corpus: %d profane, %d clean; precision %.3f, recall %.3f", tp+fn, tn+fp, precision, recall)
	require.Greater(t, tp+fn, 50, "corpus too small to measure")
	require.Greater(t, tn+fp, 50, "corpus too small to measure")
	require.Empty(t, wrong, "precision %.3f, recall %.3f", precision, recall)
}
