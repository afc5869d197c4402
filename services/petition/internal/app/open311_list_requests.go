package app

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// receiptPattern bounds what a receipt number can look like, so odd ids
// are refused as bad input before they reach the database.
var receiptPattern = regexp.MustCompile(`^[A-Za-z0-9-]{1,40}$`)

// Open311Query is a GeoReport v2 GET requests.json query.
type Open311Query struct {
	IDs       string // comma-separated receipt numbers
	Service   string
	StartDate string
	EndDate   string
	Status    string // open, closed or empty
}

func (q Open311Query) filter(now time.Time) (ComplaintFilter, error) {
	var v errs.Violations
	f := ComplaintFilter{PageSize: 200, Type: q.Service}
	for _, id := range strings.Split(q.IDs, ",") {
		if id = strings.TrimSpace(id); id != "" {
			f.Receipts = append(f.Receipts, id)
		}
	}
	v.Check(len(f.Receipts) > 50, "service_request_id", "TOO_MANY", "max", 50)
	for _, id := range f.Receipts {
		v.Check(!receiptPattern.MatchString(id), "service_request_id", "RECEIPT_NUMBER", "example", "SMG-2026-000001")
	}
	if _, ok := domain.TypeByCode(q.Service); q.Service != "" && !ok {
		v.Add("service_code", "NOT_ONE_OF", "allowed", domain.TypeCodes())
	}
	f.From, f.To = parseW3C(&v, "start_date", q.StartDate), parseW3C(&v, "end_date", q.EndDate)
	switch q.Status {
	case "open":
		f.OpenOnly = true
	case "closed":
		f.ClosedOnly = true
	case "":
	default:
		v.Add("status", "NOT_ONE_OF", "allowed", "open, closed")
	}
	// GeoReport: without dates and ids, the last 90 days.
	if f.From.IsZero() && f.To.IsZero() && len(f.Receipts) == 0 {
		f.From = now.Add(-90 * 24 * time.Hour)
	}
	return f, v.Err()
}

func parseW3C(v *errs.Violations, field, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	v.Check(err != nil, field, "INVALID_TIME", "example", "2026-03-09T10:00:00+09:00")
	return t
}

// Open311Requests lists published requests and the caller's own (GeoReport
// v2). Nothing personal leaves: the mapping shows no name or contact.
func (s *App) Open311Requests(ctx context.Context, q Open311Query) ([]*domain.Complaint, error) {
	f, err := q.filter(s.now())
	if err != nil {
		return nil, err
	}
	f.PublishedOnly, f.OrCitizen = true, identity.From(ctx).Subject
	list, _, err := s.store.ListComplaints(ctx, f)
	return list, err
}
