package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// DeleteScreeningWord takes a word off its list as the lists' next
// version, audited with the moderator and the reason (moderators only).
func (s *App) DeleteScreeningWord(ctx context.Context, id, reason string) (int64, error) {
	c, err := requireModerator(ctx)
	if err != nil {
		return 0, err
	}
	var v errs.Violations
	if requireID("word_id", id) != nil {
		v.Add("word_id", "NOT_UUID")
	}
	if err := mergeInvalid(&v, domain.ValidateReason(reason)); err != nil {
		return 0, err
	}
	return s.words.Remove(ctx, id, c.Subject, mask(reason), s.now())
}
