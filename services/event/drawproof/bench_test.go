package drawproof_test

import (
	"testing"

	"github.com/seoul-gov/homepage/services/event/drawproof"
)

// BenchmarkDraw100k draws 1,000 winners among 100,000 entries, the size of
// a large city-wide participation event.
func BenchmarkDraw100k(b *testing.B) {
	ids := entryIDs(100_000)
	slots := []drawproof.Slot{{PrizeID: "p", Count: 1000}}
	for b.Loop() {
		if _, err := drawproof.Draw(seed(), ids, slots); err != nil {
			b.Fatal(err)
		}
	}
}
