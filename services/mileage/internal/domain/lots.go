package domain

import (
	"sort"
	"time"
)

// Lot is what is left of one award. Points are spent from the lot that
// expires first (A8.2); what a lot still holds at expiry goes to breakage.
type Lot struct {
	ID         string // the award id: one award makes at most one lot
	Subject    string
	Action     string
	Points     int64 // credited to the citizen
	Remaining  int64
	Expired    int64
	ClawedBack int64
	BudgetYear int
	EarnedAt   time.Time
	ExpiresAt  time.Time
	// Revoked is set once the lot's award was clawed back: points a voided
	// redemption returns to it pay the citizen's debt first.
	Revoked bool
}

// Spent is what left the lot through redemptions (posted or still held).
func (l Lot) Spent() int64 { return l.Points - l.Remaining - l.Expired - l.ClawedBack }

// Allocation takes Points from one lot.
type Allocation struct {
	LotID      string
	BudgetYear int
	Points     int64
}

// SortFIFO orders lots oldest expiry first, then oldest earning, so the
// points closest to expiring are spent before they are lost.
func SortFIFO(lots []Lot) {
	sort.SliceStable(lots, func(i, j int) bool {
		a, b := lots[i], lots[j]
		if !a.ExpiresAt.Equal(b.ExpiresAt) {
			return a.ExpiresAt.Before(b.ExpiresAt)
		}
		if !a.EarnedAt.Equal(b.EarnedAt) {
			return a.EarnedAt.Before(b.EarnedAt)
		}
		return a.ID < b.ID
	})
}

// Allocate takes points from lots, oldest expiry first, skipping lots that
// have expired at now. It fails with FailedPrecondition when the unexpired
// remainders do not cover points, and changes nothing then.
func Allocate(lots []Lot, points int64, now time.Time) ([]Allocation, error) {
	live := make([]Lot, 0, len(lots))
	var available int64
	for _, l := range lots {
		if l.Remaining > 0 && l.ExpiresAt.After(now) {
			live = append(live, l)
			available += l.Remaining
		}
	}
	if available < points {
		return nil, ErrInsufficient(available, points)
	}
	SortFIFO(live)
	var out []Allocation
	for _, l := range live {
		if points == 0 {
			break
		}
		take := min(l.Remaining, points)
		out = append(out, Allocation{LotID: l.ID, BudgetYear: l.BudgetYear, Points: take})
		points -= take
	}
	return out, nil
}

// ByYear sums allocations per budget year, the grain of the system accounts.
func ByYear(allocs []Allocation) map[int]int64 {
	m := map[int]int64{}
	for _, a := range allocs {
		m[a.BudgetYear] += a.Points
	}
	return m
}

// Years returns the keys of a per-year map in ascending order, so postings
// list their entries deterministically.
func Years(m map[int]int64) []int {
	ys := make([]int, 0, len(m))
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// ClawbackSplit applies the clawback policy to a lot whose source was
// removed: the unspent remainder is reversed, and the part already spent
// (redeemed or held by a pending redemption) becomes a debt that future
// awards offset before they are credited. Expired points are not debt: the
// citizen never had the use of them. A balance never goes negative.
func ClawbackSplit(l Lot) (reversed, debt int64) {
	return l.Remaining, l.Spent()
}

// OffsetDebt splits an award of points between the outstanding debt and
// the citizen: the debt is paid first.
func OffsetDebt(points, debt int64) (offset, credited int64) {
	offset = min(points, debt)
	return offset, points - offset
}

// ExpiryOf is when a lot earned at t expires under validity.
func ExpiryOf(t time.Time, v Validity) time.Time {
	return t.Add(time.Duration(v.Days) * 24 * time.Hour)
}
