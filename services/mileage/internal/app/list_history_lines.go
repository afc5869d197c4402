package app

import (
	"context"

	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ListHistoryLines pages through a citizen's statement lines, newest first.
func (a *App) ListHistoryLines(ctx context.Context, subject string, beforeSeq int64, limit int) ([]domain.HistoryLine, error) {
	subject, err := a.resolveSubject(ctx, subject)
	if err != nil {
		return nil, err
	}
	return a.accounts.History(ctx, subject, beforeSeq, limit)
}
