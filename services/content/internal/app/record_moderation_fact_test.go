package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.3, A5: a removal is kept with its answerable department and a
// reversal with the removal it overturns, once per event; events from
// before the board named them are passed over without keeping anything.
func TestRecordModerationFact(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		fact domain.ModerationFact
		want errs.Kind
		kept bool
	}{
		{"removal", domain.ModerationFact{EventID: "ev-1", DecisionID: "d-1", Step: domain.ModerationRemoved,
			DepartmentCode: "SMG-CIVIL", OccurredAt: t0}, errstest.Succeeds, true},
		{"reversal", domain.ModerationFact{EventID: "ev-2", DecisionID: "d-1", Step: domain.ModerationOverturned,
			OccurredAt: t0}, errstest.Succeeds, true},
		{"removal of old, without a department", domain.ModerationFact{EventID: "ev-3", DecisionID: "d-2",
			Step: domain.ModerationRemoved, OccurredAt: t0}, errstest.Succeeds, false},
		{"old reversal, without the removal", domain.ModerationFact{EventID: "ev-4", Step: domain.ModerationOverturned,
			OccurredAt: t0}, errstest.Succeeds, false},
		{"no time", domain.ModerationFact{EventID: "ev-5", DecisionID: "d-1", Step: domain.ModerationRemoved,
			DepartmentCode: "SMG-CIVIL"}, errs.KindInvalid, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			errstest.RequireOutcome(t, tc.want, "", f.app.RecordModerationFact(context.Background(), tc.fact))
			errstest.RequireOutcome(t, tc.want, "", f.app.RecordModerationFact(context.Background(), tc.fact))
			require.Equal(t, tc.kept, len(f.facts.moderation) == 1, "kept once: %v", f.facts.moderation)
			if tc.kept {
				require.Equal(t, f.clock.Now(), f.facts.moderation[0].RecordedAt)
			}
		})
	}
}
