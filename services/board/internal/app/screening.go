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
func (s *App) checkRepeats(ctx context.Context, tx Tx, it *domain.Item, findings []screening.Finding) ([]screening.Finding, error) {
	it.Buckets = screening.Buckets(it.AuthorSubject, it.Canonical, s.set.DuplicateMinRunes)
	if len(it.Buckets) == 0 {
		return findings, nil
	}
	recent, err := tx.SimilarByAuthor(ctx, it.AuthorSubject, s.now().Add(-s.set.DuplicateWindow), it.ID, it.Buckets)
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

// recordFindings stores the flags and opens (or raises) the item's case in
// the moderation queue. A pending item always gets a case: a moderator has
// to let it through.
func (s *App) recordFindings(ctx context.Context, tx Tx, it domain.Item, findings []screening.Finding) error {
	if len(findings) == 0 && it.Status != domain.StatusPending {
		return nil
	}
	now := s.now()
	flags := make([]domain.Flag, len(findings))
	for i, f := range findings {
		flags[i] = domain.Flag{ItemID: it.ID, Detector: f.Detector, Ground: domain.Ground(f.Ground),
			Score: f.Score, Evidence: f.Evidence, CreatedAt: now}
	}
	if err := tx.AddFlags(ctx, flags); err != nil {
		return err
	}
	return s.reopen(ctx, tx, it)
}

// reopen recomputes an item's urgency from all its signals and opens its
// case.
func (s *App) reopen(ctx context.Context, tx Tx, it domain.Item) error {
	flags, reports, err := tx.Signals(ctx, it.ID)
	if err != nil {
		return err
	}
	u := domain.Urgency(flags, len(reports), it.Status == domain.StatusPending)
	return tx.OpenCase(ctx, it.ID, u, s.now())
}
