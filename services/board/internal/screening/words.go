package screening

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

//go:embed words.txt
var wordList string

// entry is one folded word of the list.
type entry struct {
	detector string
	ground   string
	severity float64
	word     string // as listed, for evidence
	key      []rune // folded form compared against the text
	view     view   // which form of the text it is compared against
	// wordStart: the word matches only at the start of a word, because
	// inside words it is an innocent syllable pair (가자지구, 남자지만,
	// 생각해 보지 그래). Listed with a leading "^".
	wordStart bool
	// loose marks key positions that must be letters typed on their own:
	// in an abbreviated spelling (ㅅ발 for 시발) the lone consonant stands
	// for a syllable, while the same consonant as a syllable's final (십)
	// must not.
	loose []bool
}

type view int

const (
	viewJamo view = iota
	viewLoose
	viewLatin
)

// lexicon is the parsed word list, split by use.
type lexicon struct {
	words []entry
	allow []entry
}

// parseWords reads the embedded list; a malformed line is a bug in the
// data file and fails the start of the service (and every test).
func parseWords(src string) (*lexicon, error) {
	lx := &lexicon{}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, err := parseEntry(line)
		if err != nil {
			return nil, fmt.Errorf("words.txt line %d: %w", n+1, err)
		}
		switch {
		case e.detector == "allow":
			lx.allow = append(lx.allow, e)
		case e.detector == "profanity" && e.view == viewJamo:
			lx.words = append(append(lx.words, e), abbreviations(e)...)
		default:
			lx.words = append(lx.words, e)
		}
	}
	return lx, nil
}

func parseEntry(line string) (entry, error) {
	parts := strings.Split(line, "\t")
	if len(parts) != 4 {
		return entry{}, fmt.Errorf("want 4 tab-separated fields, got %d", len(parts))
	}
	sev, err := strconv.ParseFloat(parts[2], 64)
	if err != nil || sev < 0 || sev > 1 {
		return entry{}, fmt.Errorf("severity %q not in [0,1]", parts[2])
	}
	switch parts[0] {
	case "profanity", "advertising", "allow":
	default:
		return entry{}, fmt.Errorf("unknown detector %q", parts[0])
	}
	word, wordStart := strings.CutPrefix(parts[3], "^")
	e := entry{detector: parts[0], ground: parts[1], severity: sev, word: word, wordStart: wordStart}
	e.view, e.key = keyOf(word)
	if len(e.key) == 0 {
		return entry{}, fmt.Errorf("word %q folds to nothing", parts[3])
	}
	return e, nil
}

// keyOf decides which view a word is matched in and folds it.
func keyOf(word string) (view, []rune) {
	f := normalise([]rune(word))
	switch {
	case len(f.latin.runes) > 0 && len(f.jamo.runes) == 0:
		return viewLatin, f.latin.runes
	case allConsonants(word):
		return viewLoose, f.loose.runes
	}
	return viewJamo, f.jamo.runes
}

func allConsonants(word string) bool {
	for _, r := range word {
		if !isJamo(r) || !isConsonant(toCompat(r)) {
			return false
		}
	}
	return word != ""
}

// abbreviations are the spellings of a word of several syllables with one
// syllable cut to its initial consonant typed on its own (ㅅ발, 병ㅅ, s발),
// the commonest way to write a swear word past a filter while keeping it
// readable.
func abbreviations(e entry) []entry {
	syllables := []rune(e.word)
	if len(syllables) < 2 || slices.ContainsFunc(syllables, func(r rune) bool { return !isSyllable(r) }) {
		return nil
	}
	var out []entry
	for cut := range syllables {
		var key []rune
		var loose []bool
		for i, r := range syllables {
			parts := decompose(r)
			if i == cut {
				parts = parts[:1]
			}
			before := len(key)
			for _, j := range parts {
				key = foldJamo(key, j)
			}
			for range len(key) - before {
				loose = append(loose, i == cut)
			}
		}
		v := e
		v.key, v.loose = key, loose
		out = append(out, v)
	}
	return out
}
