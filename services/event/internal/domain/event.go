// Package domain holds the rules of participation events (A7): what a
// participation event is, its prize plan within budget, its announcement
// and the life cycle from draft to draw. It knows nothing of gRPC, SQL or
// NATS.
package domain

import (
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Purpose is one of the four purposes of A7.1.
type Purpose string

const (
	PurposePolicyPromotion  Purpose = "policy_promotion"
	PurposeCulturalEvent    Purpose = "cultural_event"
	PurposeCommunitySupport Purpose = "community_support"
	PurposeOther            Purpose = "other"
)

// Status is where a participation event is in its life.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusAnnounced Status = "announced"
	StatusOpen      Status = "open"
	StatusClosed    Status = "closed"
	StatusDrawn     Status = "drawn"
)

// PrizeKind is a kind of prize (A7.2).
type PrizeKind string

const (
	PrizeGiftCertificate PrizeKind = "gift_certificate"
	PrizeMileage         PrizeKind = "mileage"
	PrizeGoods           PrizeKind = "goods"
)

// Prize is one line of the prize plan.
type Prize struct {
	ID        string    `json:"id"`
	Kind      PrizeKind `json:"kind"`
	Name      Text      `json:"name"`
	UnitValue int64     `json:"unit_value"`
	Count     int       `json:"count"`
}

// Total is the line's value: unit value × count.
func (p Prize) Total() int64 { return p.UnitValue * int64(p.Count) }

// Eligibility says who may enter.
type Eligibility struct {
	RealNameRequired bool `json:"real_name_required"`
	Description      Text `json:"description"`
}

// QuestionKind is how a question is answered.
type QuestionKind string

const (
	QuestionText   QuestionKind = "text"
	QuestionChoice QuestionKind = "choice"
)

// Question is one question of the entry form.
type Question struct {
	ID       string       `json:"id"`
	Text     Text         `json:"text"`
	Kind     QuestionKind `json:"kind"`
	Required bool         `json:"required"`
	Choices  []string     `json:"choices,omitempty"`
}

// OperatingDetails are announced with the prize plan (A7.3).
type OperatingDetails struct {
	DrawAt             time.Time  `json:"draw_at"`
	WinnersAnnouncedAt *time.Time `json:"winners_announced_at,omitempty"`
	DeliveryMethod     Text       `json:"delivery_method"`
	Contact            string     `json:"contact"`
	Notes              Text       `json:"notes"`
}

// Draft is every editable field of a participation event.
type Draft struct {
	Purpose          Purpose          `json:"purpose"`
	Title            Text             `json:"title"`
	Description      Text             `json:"description"`
	DepartmentCode   string           `json:"department_code"`
	EntryStartsAt    time.Time        `json:"entry_starts_at"`
	EntryEndsAt      time.Time        `json:"entry_ends_at"`
	Eligibility      Eligibility      `json:"eligibility"`
	Questions        []Question       `json:"questions"`
	OperatingDetails OperatingDetails `json:"operating_details"`
	BudgetYear       int              `json:"budget_year"`
	Budget           int64            `json:"budget"`
	Prizes           []Prize          `json:"prizes"`
	DrawSources      []DrawSource     `json:"draw_sources,omitempty"`
}

// PrizeTotal is the sum of the plan's lines.
func (d Draft) PrizeTotal() int64 {
	var sum int64
	for _, p := range d.Prizes {
		sum += p.Total()
	}
	return sum
}

// Prize returns the plan line with id.
func (d Draft) Prize(id string) (Prize, bool) {
	for _, p := range d.Prizes {
		if p.ID == id {
			return p, true
		}
	}
	return Prize{}, false
}

// ParticipationEvent is a participation event (the aggregate).
type ParticipationEvent struct {
	ID        string
	CreatedBy string
	Draft     Draft
	Status    Status

	AnnouncementDocument []byte
	AnnouncementHash     string
	AnnouncedAt          time.Time
	// DrawAlgorithm is the draw procedure fixed at announcement (drawproof).
	DrawAlgorithm string
	// Seed is the secret draw seed: never shown before the draw.
	Seed []byte
	// PseudonymKey keys the pseudonyms of entrants and officials in the
	// published draw; secret, never shown.
	PseudonymKey    []byte
	SeedCommitment  string
	CommittedAt     time.Time
	OpenedAt        time.Time
	ClosedAt        time.Time
	EntryListDigest string
	EntryCount      int
	DrawnAt         time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// Revision counts every stored change; the etag is derived from it.
	Revision int64
	// SourceValues are the officials' entries of the draw sources' values
	// (v2, after the close).
	SourceValues []SourceValueEntry
	// Drawn are the winners MarkDrawn drew in this change, for the store
	// to keep with it.
	Drawn []Winner

	// events are the facts recorded since the participation event was
	// loaded (Events).
	events []Event
}

// Public reports whether the participation event is visible to everyone
// (announced or later).
func (e *ParticipationEvent) Public() bool { return e.Status != StatusDraft }

// SeedRevealed reports whether the seed may be shown.
func (e *ParticipationEvent) SeedRevealed() bool { return e.Status == StatusDrawn }

// Edit replaces the draft; only drafts can change: once announced, the
// plan is frozen (A7.3).
func (e *ParticipationEvent) Edit(d Draft, now time.Time) error {
	if e.Status != StatusDraft {
		return errs.FailedPrecondition("PLAN_FROZEN", "id", e.ID, "announced_at", e.AnnouncedAt.UTC().Format(time.RFC3339))
	}
	if d.BudgetYear != e.Draft.BudgetYear {
		return errs.Invalid("draft.budget_year", "BUDGET_YEAR_FIXED", "year", e.Draft.BudgetYear)
	}
	d.followTexts(e.Draft)
	e.Draft = d
	e.UpdatedAt = now
	return nil
}
