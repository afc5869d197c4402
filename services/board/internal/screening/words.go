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

// Word is one entry of the word lists as moderators keep them (and as the
// initial list, words.txt, ships them).
type Word struct {
	// List is "profanity", "advertising" or "allow".
	List string
	// Ground is the Article 5 ground a finding points to ("" for allow).
	Ground   string
	Severity float64
	Word     string
	// WordStart: the word matches only at the start of a word.
	WordStart bool
}

// Lists are the word lists.
var Lists = []string{"profanity", "advertising", "allow"}

// GroundOf is the Article 5 ground of a list's findings.
func GroundOf(list string) string {
	switch list {
	case "profanity":
		return "A5.6"
	case "advertising":
		return "A5.5"
	}
	return ""
}

// lexicon is the parsed word list, split by use.
type lexicon struct {
	words []entry
	allow []entry
}

// Initial is the initial word list shipped with the service (words.txt),
// which seeds the lists moderators then keep at runtime. A malformed line
// is a bug in the data file and fails the start of the service (and every
// test).
func Initial() ([]Word, error) { return parseList(wordList) }

// parseList reads a list in the format of words.txt.
func parseList(src string) ([]Word, error) {
	var out []Word
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("words.txt line %d: %w", n+1, err)
		}
		out = append(out, w)
	}
	return out, nil
}

// lexiconOf folds the words for matching.
func lexiconOf(words []Word) (*lexicon, error) {
	lx := &lexicon{}
	for _, w := range words {
		e, err := entryOf(w)
		if err != nil {
			return nil, fmt.Errorf("word %q: %w", w.Word, err)
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

// parseWords reads and folds a list in the format of words.txt.
func parseWords(src string) (*lexicon, error) {
	words, err := parseList(src)
	if err != nil {
		return nil, err
	}
	return lexiconOf(words)
}

func parseLine(line string) (Word, error) {
	parts := strings.Split(line, "\t")
	if len(parts) != 4 {
		return Word{}, fmt.Errorf("want 4 tab-separated fields, got %d", len(parts))
	}
	sev, err := strconv.ParseFloat(parts[2], 64)
	if err != nil {
		return Word{}, fmt.Errorf("severity %q is not a number", parts[2])
	}
	word, wordStart := strings.CutPrefix(parts[3], "^")
	return Word{List: parts[0], Ground: parts[1], Severity: sev, Word: word, WordStart: wordStart}, nil
}

// Problem reports what makes w unusable, "" if nothing: an unknown list, a
// severity outside [0, 1], or a word that folds to nothing (only symbols
// or spaces), which would match everywhere or nowhere.
func Problem(w Word) string {
	_, err := entryOf(w)
	if err != nil {
		return err.Error()
	}
	return ""
}

func entryOf(w Word) (entry, error) {
	if !slices.Contains(Lists, w.List) {
		return entry{}, fmt.Errorf("unknown list %q", w.List)
	}
	if w.Severity < 0 || w.Severity > 1 {
		return entry{}, fmt.Errorf("severity %v not in [0,1]", w.Severity)
	}
	e := entry{detector: w.List, ground: w.Ground, severity: w.Severity, word: w.Word, wordStart: w.WordStart}
	e.view, e.key = keyOf(w.Word)
	if len(e.key) == 0 {
		return entry{}, fmt.Errorf("word %q folds to nothing", w.Word)
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
