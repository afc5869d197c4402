package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// FillBuckets indexes, before the service serves, the texts of the repeat
// window written before the index existed (A5.8).
func (s *App) FillBuckets(ctx context.Context) (int, error) {
	return s.maintenance.FillBuckets(ctx, s.now().Add(-s.set.DuplicateWindow), func(author, canonical string) []int64 {
		return screening.Buckets(author, canonical, s.set.DuplicateMinRunes)
	})
}
