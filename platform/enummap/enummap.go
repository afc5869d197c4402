// Package enummap maps a service's domain enum to its proto enum and back
// from one table, so each mapping is written once and its inverse cannot
// drift from it.
package enummap

import "fmt"

// Map is a one-to-one table between domain values D and wire values P.
type Map[D, P comparable] struct {
	to   map[D]P
	from map[P]D
}

// New builds the map from the domain → wire table. Two domain values on the
// same wire value are a programming error and panic at start.
func New[D, P comparable](table map[D]P) Map[D, P] {
	m := Map[D, P]{to: make(map[D]P, len(table)), from: make(map[P]D, len(table))}
	for d, p := range table {
		if prev, dup := m.from[p]; dup {
			panic(fmt.Sprintf("enummap: %v and %v both map to %v", prev, d, p))
		}
		m.to[d], m.from[p] = p, d
	}
	return m
}

// To returns the wire value of d, or P's zero value (the proto's
// UNSPECIFIED) for a value the table does not know.
func (m Map[D, P]) To(d D) P { return m.to[d] }

// From returns the domain value of p and whether the table knows it;
// callers turn false into a field violation.
func (m Map[D, P]) From(p P) (D, bool) {
	d, ok := m.from[p]
	return d, ok
}
