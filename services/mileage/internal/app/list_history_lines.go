package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// ListHistoryLines pages through a citizen's statement lines, newest first;
// subject "me" is the caller.
func (a *App) ListHistoryLines(ctx context.Context, subject string, pageSize int, pageToken string) ([]domain.HistoryLine, string, error) {
	size, err := pagetoken.Size(pageSize, listDefault, listMax)
	if err != nil {
		return nil, "", err
	}
	if subject, err = a.resolveSubject(ctx, subject); err != nil {
		return nil, "", err
	}
	return a.accounts.History(ctx, subject, pagetoken.Page{Size: size, Token: pageToken})
}
