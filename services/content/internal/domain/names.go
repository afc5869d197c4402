package domain

import (
	"sort"
	"strconv"
)

// indexed names a repeated field's element the way violations do: tags[2].
func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// sortedKeys makes iteration over maps deterministic, so violations and
// change lists come out in the same order every time.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
