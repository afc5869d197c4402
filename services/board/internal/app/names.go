package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// authorDisplay is the name shown with an item. On a real-name board
// (A5.7) it is the masked real name from the privacy service — only the
// masked view is kept, never the plaintext. Elsewhere it is a keyed
// pseudonym stable per board (domain.Pseudonym), which does not link an
// author across boards. A privacy refusal keeps the privacy client's
// kind (403, 401, 503, ...).
func (s *App) authorDisplay(ctx context.Context, b domain.Board, subject string) (string, error) {
	if !b.RealNameRequired {
		return domain.Pseudonym(s.set.PseudonymKey, b.ID, subject), nil
	}
	if name, err := s.names.Cached(ctx, subject, s.now().Add(-s.set.NameCacheTTL)); err == nil {
		return name, nil
	} else if !errs.Is(err, errs.KindNotFound) {
		return "", err
	}
	name, err := s.privacy.MaskedName(ctx, subject)
	if errs.Is(err, errs.KindNotFound) {
		// A5.7: a real-name board needs a name on file; without one the
		// author is asked to register it (not a missing resource).
		return "", errs.FailedPrecondition("REAL_NAME_NOT_ON_FILE")
	}
	if err != nil {
		return "", err
	}
	if err := s.names.Cache(ctx, subject, name, s.now()); err != nil {
		return "", err
	}
	return name, nil
}
