package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// ListPublicComplaints lists answered complaints published with consent.
func (s *App) ListPublicComplaints(ctx context.Context, pageSize int, token string) ([]*domain.Complaint, string, error) {
	size, err := pagetoken.Size(pageSize, defaultPage, maxPage)
	if err != nil {
		return nil, "", err
	}
	return s.store.ListComplaints(ctx, ComplaintFilter{PublishedOnly: true, AnsweredOnly: true, PageSize: size, PageToken: token})
}
