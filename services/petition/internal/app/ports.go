// Package app holds the petition service's use cases, one per file, and the
// authorization decisions. It depends on the domain and on the ports below,
// which the store and the privacy client implement.
package app

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
	"github.com/seoul-gov/homepage/services/privacy/client"
)

// Store is the service's persistence. Methods return errs kinds: NotFound
// for a missing row, AlreadyExists for a duplicate request id.
type Store interface {
	CurrentCalendar(ctx context.Context) (*clock.Calendar, error)
	HolidayTable(ctx context.Context, version int) (HolidayTable, error)
	// AmendHolidayTable writes version current+1 built by fn from the current table.
	AmendHolidayTable(ctx context.Context, fn func(cur HolidayTable) (HolidayTable, error)) (HolidayTable, error)

	CreateOpinion(ctx context.Context, o *domain.Opinion) error
	FindOpinionByRequest(ctx context.Context, subject, requestID string) (*domain.Opinion, error)
	GetOpinion(ctx context.Context, id string) (*domain.Opinion, error)
	ListOpinions(ctx context.Context, f OpinionFilter) ([]*domain.Opinion, string, error)
	// TriageOpinion locks the opinion, lets fn decide, and stores the
	// complaint fn returns (if any) in the same transaction.
	TriageOpinion(ctx context.Context, id string, fn func(o *domain.Opinion) (*domain.Complaint, error)) (*domain.Opinion, *domain.Complaint, error)

	// CreateComplaint gives c its receipt number and stores it with its events.
	CreateComplaint(ctx context.Context, c *domain.Complaint) error
	FindComplaintByRequest(ctx context.Context, subject, requestID string) (*domain.Complaint, error)
	GetComplaint(ctx context.Context, id string) (*domain.Complaint, error)
	GetComplaintByReceipt(ctx context.Context, receipt string) (*domain.Complaint, error)
	// UpdateComplaint locks the complaint, applies fn and stores the result
	// with its audit lines and events in one transaction.
	UpdateComplaint(ctx context.Context, id string, fn func(c *domain.Complaint) error) (*domain.Complaint, error)
	ListComplaints(ctx context.Context, f ComplaintFilter) ([]*domain.Complaint, string, error)
	DepartmentFigures(ctx context.Context, department string, from, to, now time.Time) ([]Figures, error)
	// ClaimDue locks up to limit open complaints whose warning, due or
	// progress time has passed and that were not announced, skipping rows
	// other replicas hold, and applies fn to each in one transaction.
	ClaimDue(ctx context.Context, now, interimBefore time.Time, limit int, fn func(c *domain.Complaint) error) (int, error)
	// ClaimProvisional locks up to limit open complaints whose due date is
	// provisional and older than table version, skipping rows other
	// replicas hold, and applies fn to each in one transaction.
	ClaimProvisional(ctx context.Context, version, limit int, fn func(c *domain.Complaint) error) (int, error)
	// CountOverdue counts open complaints whose due time is before now.
	CountOverdue(ctx context.Context, now time.Time) (int, error)

	// ForgetSubject clears the tokens and masked views on the subject's
	// complaints and opinions, shows erasedName where a name was, and adds
	// an audit line at at to each complaint it changed.
	ForgetSubject(ctx context.Context, subject, erasedName string, at time.Time) error
	// RecordUndelivered adds an audit line to the complaint when recipient
	// is its complainant; anything else (a complaint this service does not
	// hold, a notice to the department) is ignored.
	RecordUndelivered(ctx context.Context, complaintID, recipient, detail string, at time.Time) error
}

// Privacy is what the service asks of the privacy service, the only holder
// of personal data (A10): the suite's one client (services/privacy/client)
// satisfies it, and its clienttest.Fake in app tests. Its errors follow the
// client's one table (privacy refusals keep their kind: 403, 401, ...).
type Privacy interface {
	// Store vaults a subject's contact fields and returns field → token and
	// masked view.
	Store(ctx context.Context, r client.StoreRequest) (map[string]client.Stored, error)
	// StoreTexts vaults the originals of texts (document → text), bound to
	// a case, and returns document → token.
	StoreTexts(ctx context.Context, r client.TextsRequest) (map[string]string, error)
}

// OpinionFilter selects opinions.
type OpinionFilter struct {
	PendingOnly   bool // the triage queue
	PublishedOnly bool // acknowledged with consent
	PageSize      int
	PageToken     string
}

// ComplaintFilter selects complaints; empty fields do not filter.
type ComplaintFilter struct {
	Citizen       string
	Department    string
	OpenOnly      bool
	ClosedOnly    bool
	AnsweredOnly  bool
	PublishedOnly bool
	// OrCitizen widens PublishedOnly with this citizen's own complaints.
	OrCitizen string
	Type      string
	Receipts  []string
	From, To  time.Time
	// WarnedBy keeps complaints whose warning or due time is not after it.
	WarnedBy  time.Time
	PageSize  int
	PageToken string
}

// HolidayTable is one version of the holiday table.
type HolidayTable struct {
	Version   int
	From, To  clock.Date
	Source    string
	Reason    string
	CreatedBy string
	CreatedAt time.Time
	Holidays  map[clock.Date]string
}

// Figures are one department's complaint figures (A4.3).
type Figures struct {
	Department          string
	Received, Answered  int
	MedianHoursToAnswer float64
	Extended, Overdue   int
}

// OverdueShare is overdue / received.
func (f Figures) OverdueShare() float64 {
	if f.Received == 0 {
		return 0
	}
	return float64(f.Overdue) / float64(f.Received)
}
