package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

func calendar(t *testing.T) *clock.Calendar {
	t.Helper()
	from, _ := clock.ParseDate("2026-01-01")
	to, _ := clock.ParseDate("2027-12-31")
	cal, err := clock.NewCalendar(1, from, to, nil)
	require.NoError(t, err)
	return cal
}

var identified = domain.MaskedContact{Name: "홍*동", NameToken: "t1", Phone: "010-****-5678", PhoneToken: "t2"}

func newComplaint(t *testing.T, typ string, received time.Time) *domain.Complaint {
	t.Helper()
	ct, ok := domain.TypeByCode(typ)
	require.True(t, ok)
	c, err := domain.NewComplaint("c1", domain.OriginWindow, "s1", ct, domain.ComplaintDraft{Title: "t", Body: "b"},
		identified, received, calendar(t))
	require.NoError(t, err)
	return c
}

// TestStatutoryPeriods: the periods of the Enforcement Decree (A6.2).
func TestStatutoryPeriods(t *testing.T) {
	t.Parallel()
	want := map[string]string{"inquiry_procedure": "7d", "inquiry_law": "14d", "proposal": "14d", "grievance": "7d", "other": "3h"}
	for code, period := range want {
		ct, ok := domain.TypeByCode(code)
		require.True(t, ok, code)
		require.Equal(t, period, ct.Period.String(), code)
	}
	require.Len(t, domain.ComplaintTypes, len(want))
}

// TestUnidentifiedPersonIsNotComplainant (시행령 제2조, A6.2).
func TestUnidentifiedPersonIsNotComplainant(t *testing.T) {
	t.Parallel()
	ct, _ := domain.TypeByCode("other")
	received := time.Date(2026, 3, 9, 10, 0, 0, 0, clock.Seoul)
	_, err := domain.NewComplaint("c1", domain.OriginWindow, "s1", ct, domain.ComplaintDraft{},
		domain.MaskedContact{NameToken: "t1"}, received, calendar(t))
	require.True(t, errs.Is(err, errs.KindFailedPrecondition))
	o := &domain.Opinion{Status: domain.OpinionReceived}
	require.True(t, errs.Is(o.CheckConvertible(), errs.KindFailedPrecondition))
}

// TestExtensionRules (A6.2, 시행령 제21조①): within the period, at most the
// original period; the second only with the consent the complainant gave
// themselves, after the first; never a third.
func TestExtensionRules(t *testing.T) {
	t.Parallel()
	cal := calendar(t)
	received := time.Date(2026, 3, 9, 10, 0, 0, 0, clock.Seoul)
	c := newComplaint(t, "inquiry_procedure", received)
	now := received.Add(time.Hour)
	reason := func(err error) string {
		var e *errs.Error
		require.ErrorAs(t, err, &e)
		return e.Reason
	}
	require.Equal(t, "EXTENSION_CONSENT_NOT_OPEN", reason(c.DecideExtensionConsent(true, now)), "nothing to consent to yet")
	require.True(t, errs.Is(c.Extend("o1", clock.Days(8), "r", now, cal), errs.KindInvalid))
	require.NoError(t, c.Extend("o1", clock.Days(7), "r", now, cal))
	require.Equal(t, time.Date(2026, 3, 26, 18, 0, 0, 0, clock.Seoul), c.Due.At)
	require.Equal(t, "EXTENSION_NEEDS_CONSENT", reason(c.Extend("o1", clock.Days(2), "r", now, cal)))
	require.NoError(t, c.DecideExtensionConsent(false, now))
	require.Equal(t, "EXTENSION_NEEDS_CONSENT", reason(c.Extend("o1", clock.Days(2), "r", now, cal)), "refused")
	require.NoError(t, c.DecideExtensionConsent(true, now))
	require.NoError(t, c.Extend("o1", clock.Days(2), "r", now, cal))
	require.True(t, c.Extensions[1].ComplainantConsent)
	require.False(t, c.Extensions[0].ComplainantConsent)
	require.Equal(t, "EXTENSION_LIMIT", reason(c.Extend("o1", clock.Days(1), "r", now, cal)))
	require.Equal(t, "EXTENSION_CONSENT_NOT_OPEN", reason(c.DecideExtensionConsent(true, now)), "no further extension to consent to")
	late := c.Due.At.Add(time.Minute)
	require.Equal(t, "PERIOD_ENDED", reason(c.Extend("o1", clock.Days(1), "r", late, cal)))
	kinds := []string{}
	for _, e := range c.Events() {
		ch := e.(domain.ComplaintChanged)
		require.Equal(t, c.ID, ch.ComplaintID)
		kinds = append(kinds, ch.Kind+":"+ch.Detail)
	}
	require.Equal(t, []string{"received:window", "extended:extension 1 by 7d", "extension_consent:refused",
		"extension_consent:granted", "extended:extension 2 by 2d"}, kinds)
}

// TestAnswerRules: a refusal states reasons and remedies; a late answer is
// recorded as late (A6.2, A4.3).
func TestAnswerRules(t *testing.T) {
	t.Parallel()
	received := time.Date(2026, 3, 9, 10, 0, 0, 0, clock.Seoul)
	require.Error(t, domain.AnswerDraft{Body: "no", Refusal: true}.Check())
	require.NoError(t, domain.AnswerDraft{Body: "no", Refusal: true, RefusalReasons: "r", Remedies: "행정심판"}.Check())
	c := newComplaint(t, "other", received)
	require.NoError(t, c.Answer("o1", domain.AnswerDraft{Body: "done"}, c.Due.At.Add(time.Second)))
	require.True(t, c.AnsweredLate)
	require.True(t, errs.Is(c.Answer("o1", domain.AnswerDraft{Body: "again"}, received), errs.KindFailedPrecondition))
	require.NoError(t, c.Rate(5, "", received))
	require.Equal(t, 5, c.Satisfaction)
}
