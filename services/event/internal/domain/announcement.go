package domain

import (
	"encoding/json"
	"time"

	"github.com/seoul-gov/homepage/services/event/drawproof"
)

// AnnouncementFormat names the announcement document's format.
// Earlier documents stay stored and published as they were hashed: v1
// (before public randomness sources), v2 (texts as ko/en/others before
// they were localized with revisions). New announcements use v3, whose
// texts carry every language and the Korean revision each translation
// follows (platform/localized; map keys sorted, so the bytes are canonical).
const AnnouncementFormat = "seoul-event-announcement/v3"

// announcement is the canonical announcement document (A7.3). Its JSON
// serialization is canonical because it is produced one way only:
// encoding/json over this struct (fields in declaration order, map keys
// sorted, no insignificant whitespace), times in UTC RFC 3339 with
// microseconds at most. The published bytes are what the hash covers.
type announcement struct {
	Format           string           `json:"format"`
	EventID          string           `json:"event_id"`
	Purpose          Purpose          `json:"purpose"`
	DepartmentCode   string           `json:"department_code"`
	Title            Text             `json:"title"`
	Description      Text             `json:"description"`
	EntryStartsAt    time.Time        `json:"entry_starts_at"`
	EntryEndsAt      time.Time        `json:"entry_ends_at"`
	Eligibility      Eligibility      `json:"eligibility"`
	Questions        []Question       `json:"questions"`
	OperatingDetails OperatingDetails `json:"operating_details"`
	BudgetYear       int              `json:"budget_year"`
	Budget           int64            `json:"budget"`
	Prizes           []Prize          `json:"prizes"`
	PrizeTotal       int64            `json:"prize_total"`
	SeedCommitment   string           `json:"seed_commitment"`
	DrawAlgorithm    string           `json:"draw_algorithm"`
	DrawSources      []DrawSource     `json:"draw_sources"`
}

// AnnouncementDocument serializes what is announced: the prize plan, the
// operating details, the draw's seed commitment and randomness sources.
func AnnouncementDocument(id string, d Draft, commitment string) ([]byte, error) {
	d.Normalize()
	if d.Questions == nil {
		d.Questions = []Question{}
	}
	if d.Prizes == nil {
		d.Prizes = []Prize{}
	}
	return json.Marshal(announcement{
		Format: AnnouncementFormat, EventID: id, Purpose: d.Purpose, DepartmentCode: d.DepartmentCode,
		Title: d.Title, Description: d.Description, EntryStartsAt: d.EntryStartsAt, EntryEndsAt: d.EntryEndsAt,
		Eligibility: d.Eligibility, Questions: d.Questions, OperatingDetails: d.OperatingDetails,
		BudgetYear: d.BudgetYear, Budget: d.Budget, Prizes: d.Prizes, PrizeTotal: d.PrizeTotal(),
		SeedCommitment: commitment, DrawAlgorithm: drawproof.AlgorithmV2, DrawSources: d.DrawSources,
	})
}
