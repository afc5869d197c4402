package open311

import (
	"encoding/xml"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/errs"
)

// serviceRequest is a GeoReport service request. Fields the specification
// says "may not be returned" are null (JSON) or absent (XML) when unknown.
type serviceRequest struct {
	XMLName           xml.Name `xml:"request" json:"-"`
	ID                string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       *string  `xml:"status_notes,omitempty" json:"status_notes"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       string   `xml:"description" json:"description"`
	AgencyResponsible *string  `xml:"agency_responsible,omitempty" json:"agency_responsible"`
	ServiceNotice     *string  `xml:"service_notice,omitempty" json:"service_notice"`
	RequestedDatetime string   `xml:"requested_datetime" json:"requested_datetime"`
	UpdatedDatetime   string   `xml:"updated_datetime" json:"updated_datetime"`
	ExpectedDatetime  *string  `xml:"expected_datetime,omitempty" json:"expected_datetime"`
	Address           *string  `xml:"address,omitempty" json:"address"`
	AddressID         *string  `xml:"address_id,omitempty" json:"address_id"`
	Zipcode           *string  `xml:"zipcode,omitempty" json:"zipcode"`
	Lat               *float64 `xml:"lat,omitempty" json:"lat"`
	Long              *float64 `xml:"long,omitempty" json:"long"`
	// MediaURL is always null: the suite stores no media (see the README).
	MediaURL *string `xml:"media_url,omitempty" json:"media_url"`
}

type serviceRequests struct {
	XMLName  xml.Name         `xml:"service_requests"`
	Requests []serviceRequest `xml:"request"`
}

func requestOf(p *petitionv1.Open311Request) serviceRequest {
	out := serviceRequest{ID: p.GetServiceRequestId(), Status: p.GetStatus(), StatusNotes: optional(p.GetStatusNotes()),
		ServiceName: p.GetServiceName(), ServiceCode: p.GetServiceCode(), Description: p.GetDescription(),
		AgencyResponsible: optional(p.GetAgencyResponsible()), ServiceNotice: optional(p.GetServiceNotice()),
		RequestedDatetime: w3c(p.GetRequestTime().AsTime()), UpdatedDatetime: w3c(p.GetUpdateTime().AsTime()),
		ExpectedDatetime: optionalTime(p.GetExpectTime()), Address: optional(p.GetAddress())}
	if p.GetLat() != 0 || p.GetLong() != 0 {
		lat, long := p.GetLat(), p.GetLong()
		out.Lat, out.Long = &lat, &long
	}
	return out
}

func optionalTime(t *timestamppb.Timestamp) *string {
	if t == nil {
		return nil
	}
	s := w3c(t.AsTime())
	return &s
}

func writeRequests(w http.ResponseWriter, f format, list []*petitionv1.Open311Request) {
	out := []serviceRequest{}
	for _, p := range list {
		out = append(out, requestOf(p))
	}
	write(w, f, http.StatusOK, payload{json: out, xml: serviceRequests{Requests: out}})
}

// requests is GET requests.{format}: published requests and the caller's
// own, filtered as the specification describes.
func (s *Server) requests(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	ctx, ok := s.call(w, r, petitionv1.PetitionService_Open311ListRequests_FullMethodName)
	if !ok {
		return
	}
	q := r.URL.Query()
	resp, err := s.api.Open311ListRequests(ctx, &petitionv1.Open311ListRequestsRequest{
		ServiceRequestId: q.Get("service_request_id"), ServiceCode: q.Get("service_code"),
		StartDate: q.Get("start_date"), EndDate: q.Get("end_date"), Status: q.Get("status")})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeRequests(w, requestFormat(r), resp.GetRequests())
}

// request is GET requests/{service_request_id}.{format}.
func (s *Server) request(w http.ResponseWriter, r *http.Request, params map[string]string) {
	id, f, ok := resourceID(w, r, params["service_request_id"])
	if !ok {
		return
	}
	ctx, ok := s.call(w, r, petitionv1.PetitionService_Open311GetRequest_FullMethodName)
	if !ok {
		return
	}
	resp, err := s.api.Open311GetRequest(ctx, &petitionv1.Open311GetRequestRequest{ServiceRequestId: id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeRequests(w, f, resp.GetRequests())
}

type receipt struct {
	XMLName       xml.Name `xml:"request" json:"-"`
	ID            string   `xml:"service_request_id" json:"service_request_id"`
	ServiceNotice *string  `xml:"service_notice,omitempty" json:"service_notice"`
	AccountID     *string  `xml:"account_id,omitempty" json:"account_id"`
}

type receipts struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []receipt `xml:"request"`
}

// submit is POST requests.{format}: a civil complaint, filed at once
// (type realtime), so the answer carries its service_request_id.
func (s *Server) submit(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	req, err := submission(r)
	var invalid *errs.Error
	if errors.As(err, &invalid) {
		writeErr(w, r, 0, invalid)
		return
	}
	ctx, ok := s.call(w, r, petitionv1.PetitionService_Open311SubmitRequest_FullMethodName)
	if !ok {
		return
	}
	resp, err := s.api.Open311SubmitRequest(ctx, req)
	if st := status.Convert(err); err != nil && st.Code() == codes.Unauthenticated {
		// GeoReport: a POST needs an API key; a missing or unknown one is 403.
		writeErr(w, r, 0, errs.PermissionDenied("OPEN311_API_KEY_REQUIRED"))
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []receipt{}
	for _, p := range resp.GetRequests() {
		out = append(out, receipt{ID: p.GetServiceRequestId(), ServiceNotice: optional(p.GetServiceNotice()),
			AccountID: optional(p.GetAccountId())})
	}
	write(w, requestFormat(r), http.StatusOK, payload{json: out, xml: receipts{Requests: out}})
}

// submission reads the POST's form (body, or query for lenient clients);
// numbers that do not parse are refused here, the rest by the service.
func submission(r *http.Request) (*petitionv1.Open311SubmitRequestRequest, error) {
	if err := r.ParseForm(); err != nil {
		return nil, errs.Invalid("body", "OPEN311_FORM_EXPECTED")
	}
	f := r.Form
	var v errs.Violations
	coord := func(field string) float64 {
		s := strings.TrimSpace(f.Get(field))
		if s == "" {
			return 0
		}
		x, err := strconv.ParseFloat(s, 64)
		v.Check(err != nil, field, "OPEN311_NOT_A_COORDINATE", "example", "37.5665")
		return x
	}
	req := &petitionv1.Open311SubmitRequestRequest{ServiceCode: f.Get("service_code"), Lat: coord("lat"), Long: coord("long"),
		AddressString: f.Get("address_string"), AddressId: f.Get("address_id"), Email: f.Get("email"),
		DeviceId: f.Get("device_id"), AccountId: f.Get("account_id"), FirstName: f.Get("first_name"),
		LastName: f.Get("last_name"), Phone: f.Get("phone"), Description: f.Get("description"), MediaUrl: f.Get("media_url")}
	for key := range f {
		v.Check(strings.HasPrefix(key, "attribute["), key, "OPEN311_NO_ATTRIBUTES")
	}
	return req, v.Err()
}
