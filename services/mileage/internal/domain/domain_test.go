package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, domain.Seoul)

func lot(id string, remaining int64, expiresInDays int) domain.Lot {
	return domain.Lot{ID: id, Points: remaining, Remaining: remaining, BudgetYear: 2026,
		EarnedAt: t0, ExpiresAt: t0.AddDate(0, 0, expiresInDays)}
}

// A8.2: the lot expiring first is spent first; expired lots are skipped.
func TestA8_2_AllocateFIFO(t *testing.T) {
	t.Parallel()
	lots := []domain.Lot{lot("late", 500, 90), lot("expired", 900, -1), lot("early", 300, 10), lot("mid", 400, 30)}
	cases := []struct {
		name   string
		points int64
		want   []domain.Allocation
	}{
		{"within the first lot", 200, []domain.Allocation{{LotID: "early", BudgetYear: 2026, Points: 200}}},
		{"spills to the next", 500, []domain.Allocation{{"early", 2026, 300}, {"mid", 2026, 200}}},
		{"everything live", 1200, []domain.Allocation{{"early", 2026, 300}, {"mid", 2026, 400}, {"late", 2026, 500}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := domain.Allocate(lots, c.points, t0)
			require.NoError(t, err)
			require.Equal(t, c.want, got)
		})
	}
	_, err := domain.Allocate(lots, 1201, t0)
	require.True(t, errs.Is(err, errs.KindFailedPrecondition), "expired points cannot be spent")
}

// A8.1/A5: the clawback policy: unspent back, spent (or held) as debt,
// expired neither.
func TestA8_1_ClawbackSplit(t *testing.T) {
	t.Parallel()
	l := domain.Lot{Points: 100, Remaining: 30, Expired: 0}
	rev, debt := domain.ClawbackSplit(l)
	require.EqualValues(t, 30, rev)
	require.EqualValues(t, 70, debt)
	l = domain.Lot{Points: 100, Remaining: 0, Expired: 60}
	rev, debt = domain.ClawbackSplit(l)
	require.Zero(t, rev)
	require.EqualValues(t, 40, debt)
	off, credited := domain.OffsetDebt(100, 30)
	require.EqualValues(t, 30, off)
	require.EqualValues(t, 70, credited)
	off, credited = domain.OffsetDebt(100, 300)
	require.EqualValues(t, 100, off)
	require.Zero(t, credited)
}

// A8.1: caps per day, month and year; weight scales points.
func TestA8_1_RuleCapsAndWeight(t *testing.T) {
	t.Parallel()
	r := domain.Rule{Points: 100, DailyCap: 3, MonthlyCap: 10, YearlyCap: 0, WeightPercent: 150}
	require.EqualValues(t, 150, r.Award(0))
	require.False(t, r.Capped(domain.CapCounts{Day: 2, Month: 9, Year: 500}))
	require.True(t, r.Capped(domain.CapCounts{Day: 3}))
	require.True(t, r.Capped(domain.CapCounts{Month: 10}))
	prize := domain.Rule{Points: 0, WeightPercent: 100}
	require.EqualValues(t, 700, prize.Award(700), "event prizes defer to the event's points")
}

// A8.1: cap periods follow the Seoul calendar, not UTC.
func TestA8_1_PeriodsInSeoulTime(t *testing.T) {
	t.Parallel()
	// 2026-01-31 16:00 UTC is 2026-02-01 01:00 in Seoul.
	day, month, year, end := domain.Periods(time.Date(2026, 1, 31, 16, 0, 0, 0, time.UTC))
	require.Equal(t, time.Date(2026, 2, 1, 0, 0, 0, 0, domain.Seoul), day)
	require.Equal(t, time.Date(2026, 2, 1, 0, 0, 0, 0, domain.Seoul), month)
	require.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, domain.Seoul), year)
	require.Equal(t, time.Date(2027, 1, 1, 0, 0, 0, 0, domain.Seoul), end)
	require.Equal(t, 2027, domain.BudgetYear(time.Date(2026, 12, 31, 15, 30, 0, 0, time.UTC)))
}

// A8.1: the award id depends on action, source event and subject only.
func TestA8_1_AwardIDIsDeterministic(t *testing.T) {
	t.Parallel()
	a := domain.AwardID("post_created", "evt-1", "s1")
	require.Equal(t, a, domain.AwardID("post_created", "evt-1", "s1"))
	require.NotEqual(t, a, domain.AwardID("post_created", "evt-1", "s2"))
	require.NotEqual(t, a, domain.AwardID("comment_created", "evt-1", "s1"))
	require.NotEqual(t, domain.AwardID("a", "bc", "d"), domain.AwardID("ab", "c", "d"))
}

// The double-entry rule is checked before anything is written.
func TestPostingMustBalance(t *testing.T) {
	t.Parallel()
	p := domain.Posting{ID: "t"}
	p.Add(domain.Issuance(2026), -100)
	require.Error(t, p.Validate(), "one entry")
	p.Add(domain.Citizen("s1"), 90)
	require.Error(t, p.Validate(), "unbalanced")
	p.Add(domain.Clawback(2026), 10)
	p.Add(domain.Breakage(2026), 0) // zero amounts are skipped
	require.NoError(t, p.Validate())
	require.Len(t, p.Entries, 3)
	require.Equal(t, "redemption:transit:2026", domain.RedeemedTo("transit", 2026).Code())
}

// A8.1.1–A8.1.3: redemption requests are validated against the item.
func TestA8_1_1_ValidateRedeem(t *testing.T) {
	t.Parallel()
	item := &domain.CatalogItem{ID: "transit-topup", Channel: "transit", MinPoints: 1000, MaxPoints: 5000,
		StepPoints: 1000, RequiredField: domain.FieldTransitCard, Active: true}
	ok := domain.RedeemRequest{IdempotencyKey: "key-00001", ItemID: "transit-topup", Points: 2000, CardNumber: "1234 5678 9012 3456"}
	require.NoError(t, domain.ValidateRedeem(ok, item))
	bad := ok
	bad.Points, bad.CardNumber, bad.IdempotencyKey = 2500, "12", "k"
	err := domain.ValidateRedeem(bad, item)
	require.Equal(t, []string{"idempotency_key", "points", "transit_card_number"}, errstest.Fields(t, err))
	require.Error(t, domain.ValidateRedeem(ok, nil))
	require.NotEqual(t, ok.Hash(), bad.Hash())
}

// TestA2_LocalTextFollowsTheKoreanText: a first text needs its Korean; a
// later one keeps the languages not given, stale after a new Korean text,
// and names every bad language.
func TestA2_LocalTextFollowsTheKoreanText(t *testing.T) {
	t.Parallel()
	var v errs.Violations
	domain.LocalText("description", nil, map[string]string{"en": "Writing"}, 50, &v)
	requireField(t, v.Err(), "description.texts.ko")

	v = errs.Violations{}
	first := domain.LocalText("description", nil, map[string]string{"ko": "글 작성", "en": "Writing", "ja": "投稿"}, 50, &v)
	require.NoError(t, v.Err())
	next := domain.LocalText("description", &first, map[string]string{"ko": "글과 사진 작성", "en": "Writing, with photos"}, 50, &v)
	require.NoError(t, v.Err())
	require.Equal(t, "投稿", first.Texts["ja"], "the stored text is not changed in place")
	require.Equal(t, localized.Current, next.Serve("en").State)
	require.Equal(t, localized.Stale, next.Serve("ja").State)
	require.Equal(t, "글과 사진 작성", next.Serve("ja").Text)
	require.Equal(t, localized.Untranslated, next.Serve("zh-Hans").State)

	v = errs.Violations{}
	domain.LocalText("description", &next, map[string]string{"ko": "ㅤ", "x y": "z", "zh": "\x01"}, 50, &v)
	requireField(t, v.Err(), "description.texts.ko")
	v = errs.Violations{}
	domain.LocalText("description", &next, map[string]string{"x y": "z", "zh": "\x01"}, 50, &v)
	requireField(t, v.Err(), "description.texts.x y")
	requireField(t, v.Err(), "description.texts.zh")
}

func requireField(t *testing.T, err error, field string) {
	t.Helper()
	require.Contains(t, errstest.Fields(t, err), field)
}
