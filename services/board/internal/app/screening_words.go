package app

import (
	"context"
	"fmt"
	"sync"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// The word lists screening uses (A5.5, A5.6) are kept by moderators at
// runtime, versioned and audited in the database. Every replica checks the
// lists' version before it screens a text and rebuilds its matcher when a
// change has been made, so a word added or removed applies to the next
// post anywhere, without a redeploy.

// screeners caches the matcher of the lists' latest version.
type screeners struct {
	mu      sync.Mutex
	version int64
	current *screening.Screener
}

// screener is the screener of the lists' current version: the initial
// list until the lists are seeded.
func (s *App) screener(ctx context.Context) (*screening.Screener, error) {
	version, err := s.words.Version(ctx)
	if err != nil {
		return nil, err
	}
	s.screeners.mu.Lock()
	defer s.screeners.mu.Unlock()
	if version == 0 || version == s.screeners.version {
		return s.screeners.current, nil
	}
	words, version, err := s.words.InForce(ctx)
	if err != nil {
		return nil, err
	}
	scr, err := screening.FromWords(screeningWords(words))
	if err != nil {
		return nil, fmt.Errorf("word lists version %d: %w", version, err)
	}
	s.screeners.version, s.screeners.current = version, scr
	return scr, nil
}

func screeningWords(words []domain.ScreeningWord) []screening.Word {
	out := make([]screening.Word, len(words))
	for i, w := range words {
		out[i] = screening.Word{List: string(w.List), Ground: w.Ground, Severity: w.Severity, Word: w.Word, WordStart: w.WordStart}
	}
	return out
}
