// Package screening checks the text of posts and comments before they are
// stored, for moderators: profanity and obscenity (A5.6) with Korean-aware
// matching that resists spacing, symbols, look-alikes and split jamo;
// commercial advertising (A5.5); personal data, which the suite's shared
// detector (platform/personaldata) masks; and
// near-duplicates of the same author's recent texts (A5.8). It only
// produces findings with a score and evidence — deciding is a moderator's
// job, so nothing is deleted silently. The package is pure (no I/O).
package screening

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/personaldata"
)

// Detector names.
const (
	DetectorProfanity     = "profanity"
	DetectorAdvertising   = "advertising"
	DetectorPersonalData  = "personal_data"
	DetectorNearDuplicate = "near_duplicate"
)

// Finding is one detector's result for a text.
type Finding struct {
	Detector string
	// Ground is the Article 5 ground the finding points to ("" if none).
	Ground   string
	Score    float64
	Evidence string
}

// Result is the screening of one text.
type Result struct {
	// Title and Body with personal data masked: these are what is stored.
	Title, Body string
	// Canonical is the duplicate-comparison form of the masked text.
	Canonical          string
	PersonalDataMasked bool
	// PersonalDataKinds are the kinds of personal data masked
	// (platform/personaldata), for the author.
	PersonalDataKinds []personaldata.Kind
	Findings          []Finding
}

// Screener holds the parsed word list; it is safe for concurrent use.
type Screener struct {
	m *matcher
}

// New builds a screener over the initial word list (words.txt).
func New() (*Screener, error) {
	words, err := Initial()
	if err != nil {
		return nil, err
	}
	return FromWords(words)
}

// FromWords builds a screener over the word lists as moderators keep them.
func FromWords(words []Word) (*Screener, error) {
	lx, err := lexiconOf(words)
	if err != nil {
		return nil, err
	}
	return &Screener{m: newMatcher(lx)}, nil
}

// evasionBonus raises the score of a word found only after folding (a
// disguised word shows intent);
// repeatBonus raises it when several different words are used.
const (
	evasionBonus = 0.05
	repeatBonus  = 0.05
)

// Screen checks a title and body (title may be empty, for comments).
func (s *Screener) Screen(title, body string) Result {
	pt, pb := maskPersonal(title), maskPersonal(body)
	r := Result{Title: pt.masked, Body: pb.masked}
	text := strings.TrimSpace(pt.masked + "\n" + pb.masked)
	r.Canonical = Canonical(text)
	original := []rune(text)
	hits := inContext(s.m.find(original, normalise(original)), original)
	if f, ok := profanity(hits, original); ok {
		r.Findings = append(r.Findings, f)
	}
	phones := append(pt.phones(), pb.phones()...)
	if f, ok := advertising(text, phones, filterHits(hits, DetectorAdvertising), original); ok {
		r.Findings = append(r.Findings, f)
	}
	found := append(pt.findings, pb.findings...)
	if f, ok := personal(found); ok {
		r.Findings = append(r.Findings, f)
		r.PersonalDataMasked, r.PersonalDataKinds = true, kindsOf(found)
	}
	return r
}

// profanity turns word hits into one finding: the highest severity, a
// little more per further distinct word and for disguise.
func profanity(all []hit, original []rune) (Finding, bool) {
	hits := filterHits(all, DetectorProfanity)
	if len(hits) == 0 {
		return Finding{}, false
	}
	score, seen, words, evidence := 0.0, map[string]bool{}, map[string]bool{}, []string{}
	for _, h := range hits {
		excerpt := string(original[h.from:h.to])
		if seen[h.e.word+"\x00"+excerpt] {
			continue
		}
		seen[h.e.word+"\x00"+excerpt], words[h.e.word] = true, true
		sev, note := h.e.severity, ""
		if !strings.Contains(strings.ToLower(excerpt), h.e.word) {
			sev, note = sev+evasionBonus, " (변형)"
		}
		score = max(score, sev)
		evidence = append(evidence, fmt.Sprintf("%q: 금칙어 %q%s", excerpt, h.e.word, note))
	}
	if len(words) > 1 {
		score += repeatBonus
	}
	return Finding{Detector: DetectorProfanity, Ground: "A5.6", Score: min(score, 1),
		Evidence: strings.Join(evidence, "; ")}, true
}

func filterHits(hits []hit, detector string) []hit {
	return slices.DeleteFunc(slices.Clone(hits), func(h hit) bool { return h.e.detector != detector })
}

// NearDuplicateFinding turns a duplicate check into a finding (A5.8), or
// false when nothing was near.
func NearDuplicateFinding(c DuplicateCheck, kindOf func(id string) string) (Finding, bool) {
	if len(c.Near) == 0 {
		return Finding{}, false
	}
	var ev []string
	for _, n := range c.Near {
		ev = append(ev, fmt.Sprintf("%s %s와 %.0f%% 유사", kindName(kindOf(n.ID)), n.ID, n.Similarity*100))
	}
	return Finding{Detector: DetectorNearDuplicate, Ground: "A5.8", Score: c.Near[0].Similarity,
		Evidence: strings.Join(ev, "; ")}, true
}

// kindName names a text's kind in the evidence moderators read.
func kindName(kind string) string {
	switch kind {
	case "post":
		return "게시글"
	case "comment":
		return "댓글"
	}
	return kind
}
