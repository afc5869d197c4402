// Package domain holds the board service's entities and rules: boards,
// posts and comments (items), the nine grounds of Article 5, decisions as
// statements of reasons, appeals and what the public may see (A5.0).
package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Ground is a ground for deletion under Article 5, named by its
// requirement id "A5.1" … "A5.9" (item N of Article 5).
type Ground string

// ParseGround accepts "A5.1" … "A5.9".
func ParseGround(s string) (Ground, bool) {
	n, ok := strings.CutPrefix(s, "A5.")
	if !ok || len(n) != 1 || n[0] < '1' || n[0] > '9' {
		return "", false
	}
	return Ground(s), true
}

// Item is the item number within Article 5.
func (g Ground) Item() int {
	n, _ := strconv.Atoi(strings.TrimPrefix(string(g), "A5."))
	return n
}

// LegalBasis names article and item, e.g. "조례 제5조 제6호".
func (g Ground) LegalBasis() string {
	if g == "" {
		return ""
	}
	return fmt.Sprintf("조례 제5조 제%d호", g.Item())
}

// Notice is the tombstone statement, e.g. 「조례 제5조 제6호에 따라 삭제」.
func (g Ground) Notice() string {
	if g == "" {
		return ""
	}
	return "「" + g.LegalBasis() + "에 따라 삭제」"
}
