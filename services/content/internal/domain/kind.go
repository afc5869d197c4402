package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind classifies information as Article 3 of the ordinance does.
type Kind string

// The kinds of information (A3.1.1, A3.1.2, A3.1.5, A3.1.6).
const (
	KindPolicy       Kind = "policy"        // A3.1.1 major policies
	KindWorkProgress Kind = "work_progress" // A3.1.1 work progress
	KindLiving       Kind = "living"        // A3.1.2
	KindIndustry     Kind = "industry"      // A3.1.2
	KindCulture      Kind = "culture"       // A3.1.2
	KindTourism      Kind = "tourism"       // A3.1.2
	KindPromotion    Kind = "promotion"     // A3.1.5
	KindOther        Kind = "other"         // A3.1.6
)

// Kinds lists every kind in a fixed order.
var Kinds = []Kind{KindPolicy, KindWorkProgress, KindLiving, KindIndustry, KindCulture, KindTourism, KindPromotion, KindOther}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

const day = 24 * time.Hour

// ReviewCycles says how long a published item of each kind stays fresh
// before an official must confirm or update it (A4.1).
type ReviewCycles map[Kind]time.Duration

// DefaultReviewCycles reflect how quickly each kind goes out of date: work
// progress monthly, events and promotions every two months, standing
// policies twice a year.
func DefaultReviewCycles() ReviewCycles {
	return ReviewCycles{
		KindPolicy: 180 * day, KindWorkProgress: 30 * day, KindLiving: 90 * day,
		KindIndustry: 90 * day, KindCulture: 60 * day, KindTourism: 90 * day,
		KindPromotion: 60 * day, KindOther: 180 * day,
	}
}

// For returns the cycle of k, falling back to the default.
func (c ReviewCycles) For(k Kind) time.Duration {
	if d, ok := c[k]; ok && d > 0 {
		return d
	}
	if d, ok := DefaultReviewCycles()[k]; ok {
		return d
	}
	return 180 * day
}

// ParseReviewCycles reads overrides such as "work_progress=14,culture=30"
// (days) on top of the defaults.
func ParseReviewCycles(s string) (ReviewCycles, error) {
	cycles := DefaultReviewCycles()
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, days, ok := strings.Cut(part, "=")
		n, err := strconv.Atoi(strings.TrimSpace(days))
		k := Kind(strings.TrimSpace(name))
		if !ok || err != nil || n <= 0 || !k.Valid() {
			return nil, fmt.Errorf("review cycle %q: want <kind>=<days> with a known kind and days > 0", part)
		}
		cycles[k] = time.Duration(n) * day
	}
	return cycles, nil
}
