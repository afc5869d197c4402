package open311

import (
	"encoding/xml"
	"net/http"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Specification is service discovery's token for GeoReport v2.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// changeset marks the last change of this endpoint's description or of the
// service list (the complaint types): bump it with them, so clients
// refresh what they cache.
const changeset = "2026-12-05 00:00"

type discoveryEndpoint struct {
	Specification string   `xml:"specification" json:"specification"`
	URL           string   `xml:"url" json:"url"`
	Changeset     string   `xml:"changeset" json:"changeset"`
	Type          string   `xml:"type" json:"type"`
	Formats       []string `xml:"formats>format" json:"formats"`
}

type discoveryDoc struct {
	XMLName    xml.Name            `xml:"discovery" json:"-"`
	Changeset  string              `xml:"changeset" json:"changeset"`
	Contact    string              `xml:"contact" json:"contact"`
	KeyService string              `xml:"key_service" json:"key_service"`
	Endpoints  []discoveryEndpoint `xml:"endpoints>endpoint" json:"endpoints"`
}

// discovery is GET discovery.{format}: where the endpoint is, its formats,
// and how to get a key.
func (s *Server) discovery(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	scheme := "https"
	if r.TLS == nil && r.Header.Get("X-Forwarded-Proto") != "https" {
		scheme = "http"
	}
	doc := discoveryDoc{Changeset: changeset, Contact: s.cfg.Contact, KeyService: s.cfg.KeyService,
		Endpoints: []discoveryEndpoint{{Specification: Specification, URL: scheme + "://" + r.Host + "/open311/v2",
			Changeset: changeset, Type: s.cfg.EndpointType, Formats: []string{"text/xml", "application/json"}}}}
	write(w, requestFormat(r), http.StatusOK, payload{json: doc, xml: doc})
}

type service struct {
	XMLName     xml.Name `xml:"service" json:"-"`
	Code        string   `xml:"service_code" json:"service_code"`
	Name        string   `xml:"service_name" json:"service_name"`
	Description string   `xml:"description" json:"description"`
	Metadata    bool     `xml:"metadata" json:"metadata"`
	Type        string   `xml:"type" json:"type"`
	Keywords    string   `xml:"keywords" json:"keywords"`
	Group       string   `xml:"group" json:"group"`
}

type serviceList struct {
	XMLName  xml.Name  `xml:"services"`
	Services []service `xml:"service"`
}

// services is GET services.{format}: one service per complaint type.
func (s *Server) services(w http.ResponseWriter, r *http.Request, _ map[string]string) {
	list, ok := s.serviceList(w, r)
	if ok {
		write(w, requestFormat(r), http.StatusOK, payload{json: list, xml: serviceList{Services: list}})
	}
}

func (s *Server) serviceList(w http.ResponseWriter, r *http.Request) ([]service, bool) {
	ctx, ok := s.call(w, r, petitionv1.PetitionService_Open311ListServices_FullMethodName)
	if !ok {
		return nil, false
	}
	resp, err := s.api.Open311ListServices(ctx, &petitionv1.Open311ListServicesRequest{})
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	out := []service{}
	for _, v := range resp.GetServices() {
		out = append(out, service{Code: v.GetServiceCode(), Name: v.GetServiceName(), Description: v.GetDescription(),
			Metadata: v.GetMetadata(), Type: v.GetType(), Keywords: v.GetKeywords(), Group: v.GetGroup()})
	}
	return out, true
}

type definition struct {
	XMLName    xml.Name    `xml:"service_definition" json:"-"`
	Code       string      `xml:"service_code" json:"service_code"`
	Attributes []attribute `xml:"attributes>attribute" json:"attributes"`
}

// attribute is a service's extra form field; no complaint type has one
// (every service says metadata=false), so lists are empty.
type attribute struct {
	Code string `xml:"code" json:"code"`
}

// definition is GET services/{service_code}.{format}. No complaint type
// asks for extra fields, so a definition lists no attributes; it exists
// for clients that fetch it regardless.
func (s *Server) definition(w http.ResponseWriter, r *http.Request, params map[string]string) {
	code, f, ok := resourceID(w, r, params["service_code"])
	if !ok {
		return
	}
	list, ok := s.serviceList(w, r)
	if !ok {
		return
	}
	for _, v := range list {
		if v.Code == code {
			d := definition{Code: code, Attributes: []attribute{}}
			write(w, f, http.StatusOK, payload{json: d, xml: d})
			return
		}
	}
	writeErr(w, r, 0, errs.NotFound("OPEN311_SERVICE_NOT_FOUND", "code", code, "list", "services."+ext(f)))
}

func ext(f format) string {
	if f == formatXML {
		return "xml"
	}
	return "json"
}
