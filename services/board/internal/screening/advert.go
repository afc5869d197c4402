package screening

import (
	"fmt"
	"regexp"
	"strings"
)

// Commercial advertising (A5.5) is scored from independent signals: links
// to non-government sites, phone numbers and advertising phrases. One link
// alone is ordinary in a civic discussion; a link with "무료상담" is not.
var urlPattern = regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s<>"]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|kr|org|io|me|shop|xyz|biz|info|ly|gg|site|top)\b(?:/[^\s<>"]*)?`)

const (
	linkScore   = 0.35
	phoneScore  = 0.35
	maxSignals  = 2   // per kind: ten links are not ten times the evidence
	adThreshold = 0.5 // flag from here
)

// advertising scores text (already masked) plus the phone numbers found.
func advertising(text string, phones []string, phrases []hit, original []rune) (Finding, bool) {
	score, evidence := 0.0, []string{}
	links := externalLinks(text)
	for i, l := range links {
		if i < maxSignals {
			score += linkScore
		}
		evidence = append(evidence, "link "+l)
	}
	business := businessPattern.FindAllString(text, -1)
	for i, p := range append(append([]string{}, phones...), business...) {
		if i < maxSignals {
			score += phoneScore
		}
		evidence = append(evidence, "연락처 "+p)
	}
	seen := map[string]bool{}
	for _, h := range phrases {
		if !seen[h.e.word] {
			seen[h.e.word] = true
			score += h.e.severity
			evidence = append(evidence, fmt.Sprintf("광고 문구 %q: %q", h.e.word, string(original[h.from:h.to])))
		}
	}
	if score < adThreshold {
		return Finding{}, false
	}
	return Finding{Detector: DetectorAdvertising, Ground: "A5.5", Score: min(score, 1),
		Evidence: strings.Join(evidence, "; ")}, true
}

// externalLinks lists links except to government sites (*.go.kr), which
// officials and citizens cite all the time.
func externalLinks(text string) []string {
	var out []string
	for _, l := range urlPattern.FindAllString(text, -1) {
		host := strings.ToLower(l)
		host = strings.TrimPrefix(strings.TrimPrefix(host, "https://"), "http://")
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host = host[:i]
		}
		if strings.HasSuffix(host, ".go.kr") || host == "go.kr" {
			continue
		}
		out = append(out, l)
	}
	return out
}
