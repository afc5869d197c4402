package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// RekeyPseudonyms replaces the pseudonyms shown before they were keyed (a
// short unkeyed hash anyone could recompute) with keyed ones, before the
// service serves. It is idempotent, so replicas starting together agree.
func (s *App) RekeyPseudonyms(ctx context.Context) error {
	return s.maintenance.RekeyPseudonyms(ctx, func(boardID, subject string) string {
		return domain.Pseudonym(s.set.PseudonymKey, boardID, subject)
	})
}
