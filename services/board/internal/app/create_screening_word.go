package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/textrule"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// CreateScreeningWord adds a word to a list as the lists' next version,
// audited with the moderator and the reason (moderators only).
func (s *App) CreateScreeningWord(ctx context.Context, w domain.ScreeningWord, reason string) (domain.ScreeningWord, error) {
	c, err := requireModerator(ctx)
	if err != nil {
		return w, err
	}
	var v errs.Violations
	v.Merge(domain.ValidateNewWord(w, reason))
	// A word of only symbols or spaces folds to nothing: it would match
	// nowhere (or, as a prefix, everywhere).
	v.Check(!textrule.Blank(w.Word) && screening.Problem(screening.Word{List: "allow", Word: w.Word}) != "",
		"word", "WORD_NOT_MATCHABLE")
	if err := v.Err(); err != nil {
		return w, err
	}
	w.ID, w.Ground, w.CreatedAt = newID(), screening.GroundOf(string(w.List)), s.now()
	return s.words.Add(ctx, w, c.Subject, mask(reason))
}
