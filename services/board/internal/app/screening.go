package app

import (
	"context"
	"strconv"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// checkRepeats compares the text with the author's posts and comments of
// the window on every board (A5.8), found through the index: an exact
// repeat is refused at once, a near-duplicate becomes a finding for
// moderators. It sets the item's index buckets, stored with the text.
func (s *App) checkRepeats(ctx context.Context, texts AuthorTexts, it *domain.Item, findings []screening.Finding) ([]screening.Finding, error) {
	it.Buckets = screening.Buckets(it.AuthorSubject, it.Canonical, s.set.DuplicateMinRunes)
	if len(it.Buckets) == 0 {
		return findings, nil
	}
	recent, err := texts.Similar(ctx, it.AuthorSubject, s.now().Add(-s.set.DuplicateWindow), it.ID, it.Buckets)
	if err != nil {
		return nil, err
	}
	prior := make([]screening.Prior, len(recent))
	kinds := make(map[string]string, len(recent))
	for i, r := range recent {
		prior[i] = screening.Prior{ID: r.ID, Canonical: r.Canonical}
		kinds[r.ID] = string(r.Kind)
	}
	check := screening.CheckDuplicates(it.Canonical, prior, s.set.DuplicateThreshold, s.set.DuplicateMinRunes)
	if check.Exact != "" {
		return nil, errs.FailedPrecondition("REPEATED_POST", "kind", kinds[check.Exact], "id", check.Exact,
			"hours", strconv.FormatFloat(s.set.DuplicateWindow.Hours(), 'f', -1, 64))
	}
	if f, ok := screening.NearDuplicateFinding(check, func(id string) string { return kinds[id] }); ok {
		findings = append(findings, f)
	}
	return findings, nil
}

// flags are the screening findings as the item's flags.
func (s *App) flags(itemID string, findings []screening.Finding) []domain.Flag {
	now := s.now()
	flags := make([]domain.Flag, len(findings))
	for i, f := range findings {
		flags[i] = domain.Flag{ItemID: itemID, Detector: f.Detector, Ground: domain.Ground(f.Ground),
			Score: f.Score, Evidence: f.Evidence, CreatedAt: now}
	}
	return flags
}
