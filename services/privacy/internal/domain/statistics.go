package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// SuppressionThreshold is the smallest cell a statistics release shows:
// smaller counts could single out a person, so they are suppressed.
const SuppressionThreshold = 5

// Cell is one cell of a de-identified aggregate.
type Cell struct {
	Label      string
	Count      int64
	Suppressed bool
}

// SourceField is the field a dimension is computed from.
func (d Dimension) SourceField() string {
	if d == DimensionAgeBand {
		return FieldBirthDate
	}
	return FieldAddress
}

// Generalize maps one normalized value to its cell label, dropping
// everything that could identify the person (exact date, street, number).
func (d Dimension) Generalize(value string, now time.Time) (string, bool) {
	switch d {
	case DimensionAgeBand:
		t, err := time.Parse(time.DateOnly, value)
		if err != nil {
			return "", false
		}
		age := now.Year() - t.Year()
		if now.YearDay() < t.YearDay() {
			age--
		}
		band := age / 10 * 10
		return fmt.Sprintf("%d-%d", band, band+9), true
	case DimensionDistrict:
		return district(value)
	}
	return "", false
}

// district returns the 시·도 and 시·군·구 of an address.
func district(address string) (string, bool) {
	words := strings.Fields(address)
	for i, w := range words {
		if i > 0 && (strings.HasSuffix(w, "구") || strings.HasSuffix(w, "군") || strings.HasSuffix(w, "시")) {
			return strings.Join(words[:i+1], " "), true
		}
	}
	if len(words) > 0 {
		return words[0], true
	}
	return "", false
}

// Aggregate counts labels into cells sorted by label, suppressing every
// cell under the threshold (its count is not reported at all).
func Aggregate(labels []string) []Cell {
	counts := map[string]int64{}
	for _, l := range labels {
		counts[l]++
	}
	cells := make([]Cell, 0, len(counts))
	for l, n := range counts {
		c := Cell{Label: l, Count: n}
		if n < SuppressionThreshold {
			c.Count, c.Suppressed = 0, true
		}
		cells = append(cells, c)
	}
	slices.SortFunc(cells, func(a, b Cell) int { return strings.Compare(a.Label, b.Label) })
	return cells
}
