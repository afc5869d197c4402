package domain

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Weights of the department score (A4.3); they sum to 1.
const (
	weightFresh        = 0.45
	weightTimeliness   = 0.15
	weightTranslations = 0.20
	weightFeedback     = 0.20
	// overdueHorizonDays is the mean overdue age at which timeliness
	// reaches zero.
	overdueHorizonDays = 90
	// IncentiveSlots is how many top departments are marked for incentives.
	IncentiveSlots = 3
)

// ScoreMethod explains the scorecard to its readers; it is returned with
// every scorecard so the ranking can be checked by hand.
var ScoreMethod = strings.Join([]string{
	"Each department is evaluated at the end of the period from the immutable history of its items (every publication, update, confirmation and archiving is recorded with its time and never changed) and from feedback given during the period; the current state of items is not used, so recomputing a past period gives the same result.",
	"items: items published at the end of the period. fresh_share: share of them whose review was not yet due. overdue: items whose review was due, with the mean and maximum days overdue.",
	"translation_coverage: share of (item, language) pairs over en, zh and ja with a translation at least as new as the Korean text. feedback: helpful and not-helpful opinions given in the period.",
	"score = 100 × (0.45 × fresh_share + 0.15 × timeliness + 0.20 × translation_coverage + 0.20 × satisfaction), where timeliness = 1 − min(1, mean overdue days / 90) (1 with nothing overdue) and satisfaction = (helpful + 1) / (helpful + not_helpful + 2), which is 0.5 without feedback.",
	"Departments with published items are ranked by score, ties by code; the top 3 are marked for incentives. Departments without published items are listed unranked.",
}, " ")

// Snapshot is the state of one published item at an instant, rebuilt from
// the item's history.
type Snapshot struct {
	ItemID         string
	DepartmentCode string
	Kind           Kind
	ReviewDue      time.Time
	// Languages are those current at that instant, Korean included.
	Languages []string
}

// Period is a half-open evaluation period [Start, End).
type Period struct{ Start, End time.Time }

// DepartmentScore is one department's evaluation.
type DepartmentScore struct {
	Department          Department
	Items               int
	FreshItems          int
	FreshShare          float64
	OverdueItems        int
	MeanOverdueDays     float64
	MaxOverdueDays      float64
	TranslationCoverage float64
	Feedback            FeedbackSummary
	Score               float64
	Rank                int
	Incentive           bool
}

// Scorecard is the evaluation of every department for a period.
type Scorecard struct {
	Period      Period
	Departments []DepartmentScore
	Method      string
	Provisional bool
}

// ComputeScorecard evaluates departments at instant at (the period end, or
// now for a period not yet over) from snapshots of that instant and the
// period's feedback. It is a pure function of its inputs.
func ComputeScorecard(p Period, at time.Time, depts []Department, snaps []Snapshot, fb map[string]FeedbackSummary) Scorecard {
	byDept := map[string][]Snapshot{}
	for _, s := range snaps {
		byDept[s.DepartmentCode] = append(byDept[s.DepartmentCode], s)
	}
	scores := make([]DepartmentScore, 0, len(depts))
	for _, d := range depts {
		scores = append(scores, scoreDepartment(d, at, byDept[d.Code], fb[d.Code]))
	}
	rank(scores)
	return Scorecard{Period: p, Departments: scores, Method: ScoreMethod}
}

func scoreDepartment(d Department, at time.Time, snaps []Snapshot, fb FeedbackSummary) DepartmentScore {
	s := DepartmentScore{Department: d, Items: len(snaps), Feedback: fb}
	if len(snaps) == 0 {
		return s
	}
	// Sum in a fixed order so floating-point results never depend on the
	// order rows came from the database.
	sort.Slice(snaps, func(i, j int) bool { return snaps[i].ItemID < snaps[j].ItemID })
	var overdueDays float64
	var translated int
	for _, sn := range snaps {
		if at.Before(sn.ReviewDue) {
			s.FreshItems++
		} else {
			s.OverdueItems++
			days := at.Sub(sn.ReviewDue).Hours() / 24
			overdueDays += days
			s.MaxOverdueDays = math.Max(s.MaxOverdueDays, days)
		}
		translated += coveredLanguages(sn.Languages)
	}
	s.FreshShare = float64(s.FreshItems) / float64(s.Items)
	timeliness := 1.0
	if s.OverdueItems > 0 {
		s.MeanOverdueDays = overdueDays / float64(s.OverdueItems)
		timeliness = 1 - math.Min(1, s.MeanOverdueDays/overdueHorizonDays)
	}
	s.TranslationCoverage = float64(translated) / float64(s.Items*len(RequiredForeign))
	satisfaction := float64(fb.Helpful+1) / float64(fb.Helpful+fb.NotHelpful+2)
	s.Score = 100 * (weightFresh*s.FreshShare + weightTimeliness*timeliness +
		weightTranslations*s.TranslationCoverage + weightFeedback*satisfaction)
	s.FreshShare, s.MeanOverdueDays, s.MaxOverdueDays = round(s.FreshShare, 4), round(s.MeanOverdueDays, 2), round(s.MaxOverdueDays, 2)
	s.TranslationCoverage, s.Score = round(s.TranslationCoverage, 4), round(s.Score, 2)
	return s
}

// coveredLanguages counts the required foreign languages among langs
// (zh-Hans counts for zh, once).
func coveredLanguages(langs []string) int {
	seen := map[string]bool{}
	for _, l := range langs {
		seen[baseLanguage(l)] = true
	}
	n := 0
	for _, r := range RequiredForeign {
		if seen[r] {
			n++
		}
	}
	return n
}

// rank orders departments by score (ties by code), ranks those with items
// and marks the top IncentiveSlots for incentives.
func rank(scores []DepartmentScore) {
	sort.SliceStable(scores, func(i, j int) bool {
		a, b := scores[i], scores[j]
		if (a.Items > 0) != (b.Items > 0) {
			return a.Items > 0
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Department.Code < b.Department.Code
	})
	for i := range scores {
		if scores[i].Items == 0 {
			break
		}
		scores[i].Rank = i + 1
		scores[i].Incentive = i < IncentiveSlots
	}
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
