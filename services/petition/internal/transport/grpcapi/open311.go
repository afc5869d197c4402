package grpcapi

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
	"github.com/seoul-gov/homepage/services/petition/internal/domain/clock"
)

// Open311ListServices lists one GeoReport service per complaint type.
func (s *Server) Open311ListServices(context.Context, *petitionv1.Open311ListServicesRequest) (*petitionv1.Open311ListServicesResponse, error) {
	out := &petitionv1.Open311ListServicesResponse{}
	for _, t := range domain.ComplaintTypes {
		out.Services = append(out.Services, &petitionv1.Open311Service{ServiceCode: t.Code, ServiceName: t.NameKo,
			Description: t.NameEn + "; processing period " + t.Period.String() + " (" + t.LegalBasis + ")",
			Metadata:    false, Type: "realtime", Keywords: t.Code, Group: "민원"})
	}
	return out, nil
}

// Open311ListRequests is GeoReport GET requests.json.
func (s *Server) Open311ListRequests(ctx context.Context, r *petitionv1.Open311ListRequestsRequest) (*petitionv1.Open311ListRequestsResponse, error) {
	list, err := s.app.Open311Requests(ctx, app.Open311Query{IDs: r.GetServiceRequestId(), Service: r.GetServiceCode(),
		StartDate: r.GetStartDate(), EndDate: r.GetEndDate(), Status: r.GetStatus()})
	if err != nil {
		return nil, err
	}
	out := &petitionv1.Open311ListRequestsResponse{Requests: []*petitionv1.Open311Request{}}
	for _, c := range list {
		out.Requests = append(out.Requests, open311Out(c))
	}
	return out, nil
}

// Open311GetRequest is GeoReport GET requests/{id}.json.
func (s *Server) Open311GetRequest(ctx context.Context, r *petitionv1.Open311GetRequestRequest) (*petitionv1.Open311GetRequestResponse, error) {
	c, err := s.app.Open311Request(ctx, r.GetServiceRequestId())
	if err != nil {
		return nil, err
	}
	return &petitionv1.Open311GetRequestResponse{Requests: []*petitionv1.Open311Request{open311Out(c)}}, nil
}

// open311Fields renames the complaint window's field names to GeoReport's
// in violations, so a civic app sees the fields it sent.
var open311Fields = map[string]string{
	"complaint_type": "service_code", "title": "description", "body": "description",
	"contact.name": "first_name", "contact.phone": "phone", "contact.email": "email", "contact": "first_name",
	"location.lat": "lat", "location.long": "long", "location.address": "address_string",
}

// Open311SubmitRequest is GeoReport POST requests.json: a civil complaint
// from a signed-in citizen.
func (s *Server) Open311SubmitRequest(ctx context.Context, r *petitionv1.Open311SubmitRequestRequest) (*petitionv1.Open311SubmitRequestResponse, error) {
	draft := domain.ComplaintDraft{Type: r.GetServiceCode(),
		Title: titleOf(personaldata.Mask(r.GetDescription()).Text), Body: r.GetDescription(),
		Contact:  domain.Contact{Name: fullName(r.GetFirstName(), r.GetLastName()), Phone: r.GetPhone(), Email: r.GetEmail()},
		Location: domain.Location{Lat: r.GetLat(), Long: r.GetLong(), Address: r.GetAddressString()},
		Account:  r.GetAccountId()}
	if err := checkOpen311(r, draft); err != nil {
		return nil, renameViolations(err)
	}
	c, err := s.app.SubmitComplaint(ctx, draft, domain.OriginOpen311)
	if err != nil {
		return nil, renameViolations(err)
	}
	return &petitionv1.Open311SubmitRequestResponse{Requests: []*petitionv1.Open311SubmitReceipt{{
		ServiceRequestId: c.ReceiptNumber, AccountId: accountOf(identity.From(ctx), r.GetAccountId()),
		ServiceNotice: locale.For(ctx).Message("OPEN311_NOTICE", "due", c.Due.At.In(clock.Seoul).Format("2006-01-02 15:04")+" KST"),
	}}}, nil
}

// checkOpen311 adds GeoReport's own rules to the complaint's: a location
// is required (lat and long, or address_string), and what the suite does
// not offer is refused rather than dropped — media (it stores none) and
// address ids (it has no address repository). Every bad field is named at
// once.
func checkOpen311(r *petitionv1.Open311SubmitRequestRequest, d domain.ComplaintDraft) error {
	var v errs.Violations
	v.Check(r.GetMediaUrl() != "", "media_url", "OPEN311_MEDIA_NOT_OFFERED")
	v.Check(r.GetAddressId() != "", "address_id", "OPEN311_ADDRESS_ID_NOT_OFFERED")
	v.Check(r.GetLat() == 0 && r.GetLong() == 0 && strings.TrimSpace(r.GetAddressString()) == "", "address_string",
		"OPEN311_LOCATION_REQUIRED")
	v.Check(r.GetAccountId() != "" && !accountPattern.MatchString(r.GetAccountId()), "account_id", "OPEN311_ACCOUNT_ID")
	if v.Err() == nil {
		return nil
	}
	v.Merge(d.Check())
	return v.Err()
}

// accountPattern bounds an app's account ids: they become part of the
// person's subject id in the privacy vault.
var accountPattern = regexp.MustCompile(`^[A-Za-z0-9._@-]{1,48}$`)

// accountOf is GeoReport's account_id of a receipt: a citizen's own
// subject, or the account a machine client filed for (none if it gave
// none).
func accountOf(c identity.Claims, account string) string {
	if c.Client != "" {
		return account
	}
	return c.Subject
}

func renameViolations(err error) error {
	e, ok := err.(*errs.Error)
	if !ok || e.Kind != errs.KindInvalid {
		return err
	}
	out := *e
	out.Violations = nil
	for _, v := range e.Violations {
		if n, ok := open311Fields[v.Field]; ok {
			v.Field = n
		}
		out.Violations = append(out.Violations, v)
	}
	return &out
}

// titleOf takes the first line of the description, at most 60 characters.
// It is given the masked description: cut first, a number split at the
// 60th character would no longer be recognised and half of it would stay.
func titleOf(description string) string {
	t, _, _ := strings.Cut(strings.TrimSpace(description), "\n")
	if utf8.RuneCountInString(t) > 60 {
		t = string([]rune(t)[:60])
	}
	return t
}

// fullName joins GeoReport's name parts: Korean names family name first
// without a space, Latin names given name first.
func fullName(first, last string) string {
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	if first == "" || last == "" {
		return first + last
	}
	if isASCII(first + last) {
		return first + " " + last
	}
	return last + first
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

func open311Out(c *domain.Complaint) *petitionv1.Open311Request {
	typ, _ := domain.TypeByCode(c.Type)
	out := &petitionv1.Open311Request{ServiceRequestId: c.ReceiptNumber, Status: "open", ServiceName: typ.NameKo,
		ServiceCode: c.Type, Description: c.Body, AgencyResponsible: "서울특별시", RequestTime: ts(c.ReceivedAt),
		UpdateTime: ts(c.UpdatedAt), ExpectTime: ts(c.Due.At), Address: c.Location.Address,
		Lat: c.Location.Lat, Long: c.Location.Long}
	if c.Department != "" {
		out.AgencyResponsible = "서울특별시 " + c.Department
	}
	switch c.Status {
	case domain.StatusAnswered:
		out.Status, out.StatusNotes = "closed", c.Answers[len(c.Answers)-1].Body
	case domain.StatusTransferredOut:
		out.Status, out.AgencyResponsible, out.StatusNotes = "closed", c.OutsideAgency, "transferred to the competent agency"
	case domain.StatusClosedRepeated:
		out.Status, out.StatusNotes = "closed", "closed as a repeated complaint"
	}
	return out
}
