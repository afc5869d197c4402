package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// A4.3, A6.2: a complaint step is kept once per event, stamped with when it
// arrived; one that can never be counted is bad input (dead-lettered by the
// consumer, not retried) and keeps nothing.
func TestRecordComplaintFact(t *testing.T) {
	t.Parallel()
	answered := domain.ComplaintFact{EventID: "ev-1", ComplaintID: "c-1", Step: domain.ComplaintAnswered,
		DepartmentCode: "SMG-DIGITAL", DueAt: t0.Add(14 * day), OccurredAt: t0.Add(3 * day)}
	cases := []struct {
		name   string
		change func(*domain.ComplaintFact)
		want   errs.Kind
		field  string
	}{
		{"answered", func(*domain.ComplaintFact) {}, errstest.Succeeds, ""},
		{"received before assignment", func(f *domain.ComplaintFact) {
			f.Step, f.DepartmentCode = domain.ComplaintReceived, ""
		}, errstest.Succeeds, ""},
		{"unknown step", func(f *domain.ComplaintFact) { f.Step = "triaged" }, errs.KindInvalid, "step"},
		{"no complaint", func(f *domain.ComplaintFact) { f.ComplaintID = "" }, errs.KindInvalid, "complaint_id"},
		{"no time", func(f *domain.ComplaintFact) { f.OccurredAt = time.Time{} }, errs.KindInvalid, "occur_time"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			fact := answered
			tc.change(&fact)
			err := f.app.RecordComplaintFact(context.Background(), fact)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want != errstest.Succeeds {
				requireInvalid(t, err, tc.field)
				require.Empty(t, f.facts.complaints)
				return
			}
			require.NoError(t, f.app.RecordComplaintFact(context.Background(), fact), "a redelivery is harmless")
			require.Len(t, f.facts.complaints, 1)
			require.Equal(t, f.clock.Now(), f.facts.complaints[0].RecordedAt)
			require.Equal(t, fact.OccurredAt, f.facts.complaints[0].OccurredAt)
		})
	}
}
