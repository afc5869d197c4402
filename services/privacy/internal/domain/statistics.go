package domain

import (
	"cmp"
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

// Table is a published aggregate: its cells and their total.
type Table struct {
	Cells []Cell
	// Total counts every person in the table; TotalSuppressed withholds
	// it when even the total would single someone out.
	Total           int64
	TotalSuppressed bool
}

// Aggregate counts labels into cells sorted by label and protects the
// small ones (A10.2). Primary suppression: a cell under the threshold
// reports no count. Complementary suppression: since the total is
// published, one suppressed cell would be the total minus the others, so
// more cells are suppressed, smallest first, until the suppressed cells
// are at least two and together hold at least the threshold and more
// than one person per cell beyond the first — then no suppressed cell's
// count follows from the table (each could be any of several values).
// If even all cells together cannot hide one, the total is withheld too.
func Aggregate(labels []string) Table {
	counts := map[string]int64{}
	for _, l := range labels {
		counts[l]++
	}
	t := Table{Cells: make([]Cell, 0, len(counts)), Total: int64(len(labels))}
	for l, n := range counts {
		t.Cells = append(t.Cells, Cell{Label: l, Count: n, Suppressed: n < SuppressionThreshold})
	}
	slices.SortFunc(t.Cells, func(a, b Cell) int { return cmp.Or(cmp.Compare(a.Count, b.Count), strings.Compare(a.Label, b.Label)) })
	for i := range t.Cells {
		if !t.exposed() {
			break
		}
		t.Cells[i].Suppressed = true
	}
	t.TotalSuppressed = t.exposed()
	slices.SortFunc(t.Cells, func(a, b Cell) int { return strings.Compare(a.Label, b.Label) })
	for i := range t.Cells {
		if t.Cells[i].Suppressed {
			t.Cells[i].Count = 0
		}
	}
	return t
}

// exposed reports whether the suppressed cells could be recovered from
// the total and the visible cells: fewer than two of them, fewer people
// in them than the threshold, or so few that every one must hold exactly
// one person.
func (t Table) exposed() bool {
	var k, sum int64
	for _, c := range t.Cells {
		if c.Suppressed {
			k++
			sum += c.Count
		}
	}
	return k > 0 && (k < 2 || sum < SuppressionThreshold || sum < k+1)
}
