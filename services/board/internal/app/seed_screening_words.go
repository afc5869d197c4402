package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// initialListReason is the audit reason of the seeded lists.
const initialListReason = "initial list (words.txt)"

// SeedScreeningWords stores the initial lists at the first start, so
// moderators keep them from then on.
func (s *App) SeedScreeningWords(ctx context.Context) error {
	initial, err := screening.Initial()
	if err != nil {
		return err
	}
	now := s.now()
	words := make([]domain.ScreeningWord, len(initial))
	for i, w := range initial {
		words[i] = domain.ScreeningWord{ID: newID(), List: domain.WordList(w.List), Word: w.Word, Severity: w.Severity,
			Ground: screening.GroundOf(w.List), WordStart: w.WordStart, CreatedAt: now}
	}
	return s.words.Seed(ctx, words, initialListReason)
}
