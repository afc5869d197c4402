package domain

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Weights of the information part of the department score (A4.3); they
// sum to 1.
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

// Weights of the parts of the department score: information, complaints
// and moderation. A department is scored on the parts it has, their
// weights scaled to sum to 1, so a department that publishes but answers
// no complaints is neither helped nor hurt by that.
const (
	weightInformation = 0.50
	weightComplaints  = 0.35
	weightModeration  = 0.15
	// Weights within the complaint part; they sum to 1.
	weightOnTime     = 0.6
	weightExtensions = 0.2
	weightSpeed      = 0.2
	// answerHorizonDays is the mean time to a first answer at which the
	// speed of answering reaches zero.
	answerHorizonDays = 30
)

// ScoreMethod explains the scorecard to its readers; it is returned with
// every scorecard so the ranking can be checked by hand.
var ScoreMethod = strings.Join([]string{
	"Each department is evaluated at the end of the period from the immutable history of its items (every publication, update, confirmation and archiving is recorded with its time and never changed), from feedback given during the period, and from the complaint and moderation facts other services announced; the current state of items is not used, so recomputing a past period gives the same result.",
	"items: items published at the end of the period. fresh_share: share of them whose review was not yet due. overdue: items whose review was due, with the mean and maximum days overdue.",
	"translation_coverage: share of (item, language) pairs over en, zh and ja with a translation at least as new as the Korean text. feedback: helpful and not-helpful opinions given in the period.",
	"score = 100 × (0.45 × fresh_share + 0.15 × timeliness + 0.20 × translation_coverage + 0.20 × satisfaction), where timeliness = 1 − min(1, mean overdue days / 90) (1 with nothing overdue) and satisfaction = (helpful + 1) / (helpful + not_helpful + 2), which is 0.5 without feedback.",
	"complaints (from the petition service's events): answered counts complaints the department answered for the first time in the period, with the mean days from receipt to that answer; answered_late those answered after their due time; open_overdue the complaints it held unanswered past their due time at the end of the period; overdue_share = (answered_late + open_overdue) / (answered + open_overdue); extensions the processing periods it extended in the period.",
	"moderation (from the board service's events): removals of posts and comments the department decided in the period, and how many of them were overturned on appeal by the end of the period.",
	"information = 0.45 × fresh_share + 0.15 × timeliness + 0.20 × translation_coverage + 0.20 × satisfaction, where timeliness = 1 − min(1, mean overdue days / 90) (1 with nothing overdue) and satisfaction = (helpful + 1) / (helpful + not_helpful + 2), which is 0.5 without feedback.",
	"complaint handling = 0.6 × (1 − overdue_share) + 0.2 × (1 − min(1, extensions / (answered + open_overdue))) + 0.2 × (1 − min(1, mean days to answer / 30)) (the last term 0 when nothing was answered).",
	"moderation = 1 − overturned / removals.",
	"score = 100 × the weighted mean of the parts the department has: information 0.50 (with published items), complaint handling 0.35 (with complaints answered, overdue or extended), moderation 0.15 (with removals).",
	"Departments with any part are ranked by score, ties by code; the top 3 are marked for incentives. Departments without any are listed unranked.",
	"Events of other services count by the time they happened; until an hour after the period's end the scorecard is provisional and counts only what had arrived by the end, after that it also counts what arrived within that hour, and it never changes again.",
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
	Complaints          ComplaintHandling
	Moderation          ModerationReview
	Score               float64
	Rank                int
	Incentive           bool
}

// ComplaintHandling is how a department handled civil complaints in a
// period (A6.2). The store counts; the scorecard derives the share.
type ComplaintHandling struct {
	Answered         int
	MeanDaysToAnswer float64
	AnsweredLate     int
	OpenOverdue      int
	OverdueShare     float64
	Extensions       int
}

func (c ComplaintHandling) handled() bool { return c.Answered+c.OpenOverdue+c.Extensions > 0 }

// part is the complaint handling part of the score, in [0, 1].
func (c ComplaintHandling) part() float64 {
	held := max(1, c.Answered+c.OpenOverdue)
	extensions := math.Min(1, float64(c.Extensions)/float64(held))
	speed := 0.0
	if c.Answered > 0 {
		speed = 1 - math.Min(1, c.MeanDaysToAnswer/answerHorizonDays)
	}
	return weightOnTime*(1-c.OverdueShare) + weightExtensions*(1-extensions) + weightSpeed*speed
}

// ModerationReview is how a department's removals of posts and comments in
// a period stood up on appeal (A5).
type ModerationReview struct {
	Removals        int
	Overturned      int
	OverturnedShare float64
}

// Evidence is what a period's scorecard is computed from, per department
// code where it is counted per department.
type Evidence struct {
	Snapshots  []Snapshot
	Feedback   map[string]FeedbackSummary
	Complaints map[string]ComplaintHandling
	Moderation map[string]ModerationReview
}

// Scorecard is the evaluation of every department for a period.
type Scorecard struct {
	Period      Period
	Departments []DepartmentScore
	Method      string
	Provisional bool
}

// ComputeScorecard evaluates departments at instant at (the period end, or
// now for a period not yet over) from the evidence of that instant. It is
// a pure function of its inputs.
func ComputeScorecard(p Period, at time.Time, depts []Department, ev Evidence) Scorecard {
	byDept := map[string][]Snapshot{}
	for _, s := range ev.Snapshots {
		byDept[s.DepartmentCode] = append(byDept[s.DepartmentCode], s)
	}
	scores := make([]DepartmentScore, 0, len(depts))
	for _, d := range depts {
		s := DepartmentScore{Department: d, Items: len(byDept[d.Code]), Feedback: ev.Feedback[d.Code],
			Complaints: ev.Complaints[d.Code], Moderation: ev.Moderation[d.Code]}
		scores = append(scores, score(s, at, byDept[d.Code]))
	}
	rank(scores)
	return Scorecard{Period: p, Departments: scores, Method: ScoreMethod}
}

// score computes each part the department has and their weighted mean.
func score(s DepartmentScore, at time.Time, snaps []Snapshot) DepartmentScore {
	var sum, weights float64
	if len(snaps) > 0 {
		var information float64
		s, information = scoreInformation(s, at, snaps)
		sum, weights = sum+weightInformation*information, weights+weightInformation
	}
	if c := &s.Complaints; c.handled() {
		if c.Answered+c.OpenOverdue > 0 {
			c.OverdueShare = float64(c.AnsweredLate+c.OpenOverdue) / float64(c.Answered+c.OpenOverdue)
		}
		sum, weights = sum+weightComplaints*c.part(), weights+weightComplaints
		c.OverdueShare, c.MeanDaysToAnswer = round(c.OverdueShare, 4), round(c.MeanDaysToAnswer, 2)
	}
	if m := &s.Moderation; m.Removals > 0 {
		m.OverturnedShare = float64(m.Overturned) / float64(m.Removals)
		sum, weights = sum+weightModeration*(1-m.OverturnedShare), weights+weightModeration
		m.OverturnedShare = round(m.OverturnedShare, 4)
	}
	if weights > 0 {
		s.Score = round(100*sum/weights, 2)
	}
	return s
}

// evaluated reports whether the department has any part to be ranked on.
func (s DepartmentScore) evaluated() bool {
	return s.Items > 0 || s.Complaints.handled() || s.Moderation.Removals > 0
}

// scoreInformation measures freshness, overdue age, translations and
// feedback of the department's published items and returns the
// information part in [0, 1].
func scoreInformation(s DepartmentScore, at time.Time, snaps []Snapshot) (DepartmentScore, float64) {
	fb := s.Feedback
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
	information := weightFresh*s.FreshShare + weightTimeliness*timeliness +
		weightTranslations*s.TranslationCoverage + weightFeedback*satisfaction
	s.FreshShare, s.MeanOverdueDays, s.MaxOverdueDays = round(s.FreshShare, 4), round(s.MeanOverdueDays, 2), round(s.MaxOverdueDays, 2)
	s.TranslationCoverage = round(s.TranslationCoverage, 4)
	return s, information
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

// rank orders departments by score (ties by code), ranks those evaluated
// and marks the top IncentiveSlots for incentives.
func rank(scores []DepartmentScore) {
	sort.SliceStable(scores, func(i, j int) bool {
		a, b := scores[i], scores[j]
		if a.evaluated() != b.evaluated() {
			return a.evaluated()
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Department.Code < b.Department.Code
	})
	for i := range scores {
		if !scores[i].evaluated() {
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
