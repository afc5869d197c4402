// Package open311 is the Open311 GeoReport v2 transport of the complaint
// window: the specification's resources in both of its formats (.json and
// .xml), service discovery, jurisdiction_id, the API key on POST and the
// specification's error list, over the petition service's Open311 RPCs.
// It is HTTP only: what a request may do and see is the petition
// service's decision, as for every other route of the edge.
package open311

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/seoul-gov/homepage/gateway/internal/forwarding"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Config is the GeoReport endpoint's description of itself.
type Config struct {
	// JurisdictionID is the one jurisdiction served: requests naming
	// another are answered 404, as the specification asks.
	JurisdictionID string `env:"OPEN311_JURISDICTION_ID" envDefault:"seoul.go.kr"`
	// Contact and KeyService are service discovery's human-readable
	// contact and how to get an API key.
	Contact    string `env:"OPEN311_CONTACT" envDefault:"서울특별시 디지털정책관 (Seoul Metropolitan Government, digital policy): +82-2-120"`
	KeyService string `env:"OPEN311_KEY_SERVICE" envDefault:"API keys are issued to registered systems by the Seoul Metropolitan Government's digital policy office; see the README of the suite."`
	// EndpointType is "production" or "test" (service discovery).
	EndpointType string `env:"OPEN311_ENDPOINT_TYPE" envDefault:"production"`
}

// Problems names every bad setting.
func (c Config) Problems() []string {
	var p []string
	if c.JurisdictionID == "" {
		p = append(p, "OPEN311_JURISDICTION_ID: required")
	}
	if c.EndpointType != "production" && c.EndpointType != "test" {
		p = append(p, "OPEN311_ENDPOINT_TYPE: production or test")
	}
	return p
}

// MetadataAPIKey carries a GeoReport api_key to the petition service,
// which maps it to a registered machine client (platform/clients).
const MetadataAPIKey = "x-api-key"

// Server serves the GeoReport resources.
type Server struct {
	cfg Config
	api petitionv1.PetitionServiceClient
	mux *runtime.ServeMux
	log *slog.Logger
}

// New serves GeoReport over the petition service at cc; mux is the edge's,
// whose header rules carry the caller's token, request id and language.
func New(cfg Config, cc grpc.ClientConnInterface, mux *runtime.ServeMux, log *slog.Logger) *Server {
	return &Server{cfg: cfg, api: petitionv1.NewPetitionServiceClient(cc), mux: mux, log: log}
}

// Route is one GeoReport resource for the edge's mux.
type Route struct {
	Method, Path string
	Handler      runtime.HandlerFunc
}

// Routes lists every resource: fixed names once per format, and the
// resources named by an id whose last segment carries the format.
func (s *Server) Routes() []Route {
	var out []Route
	for _, ext := range []string{".json", ".xml"} {
		out = append(out,
			Route{http.MethodGet, Prefix + "discovery" + ext, s.discovery},
			Route{http.MethodGet, Prefix + "services" + ext, s.services},
			Route{http.MethodGet, Prefix + "requests" + ext, s.requests},
			Route{http.MethodPost, Prefix + "requests" + ext, s.submit})
	}
	return append(out,
		Route{http.MethodGet, Prefix + "services/{service_code}", s.definition},
		Route{http.MethodGet, Prefix + "requests/{service_request_id}", s.request})
}

// call prepares the outgoing context of an RPC as the edge's generated
// handlers do, after checking the jurisdiction; it answers the error
// itself and returns false when the request cannot go on.
func (s *Server) call(w http.ResponseWriter, r *http.Request, method string) (context.Context, bool) {
	if j := r.FormValue("jurisdiction_id"); j != "" && j != s.cfg.JurisdictionID {
		writeErr(w, r, 0, errs.NotFound("OPEN311_JURISDICTION_NOT_FOUND", "given", j, "served", s.cfg.JurisdictionID))
		return nil, false
	}
	ctx, err := runtime.AnnotateContext(r.Context(), s.mux, forwarding.WithoutClientAddress(r), method)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	if key := r.FormValue("api_key"); key != "" && r.Method == http.MethodPost && r.Header.Get("Authorization") == "" {
		ctx = metadata.AppendToOutgoingContext(ctx, MetadataAPIKey, key)
	}
	return ctx, true
}

// resourceID splits a "{id}.{format}" segment; an unknown format is a
// resource that does not exist.
func resourceID(w http.ResponseWriter, r *http.Request, segment string) (string, format, bool) {
	id, f, ok := formatOf(segment)
	if !ok || id == "" {
		writeErr(w, r, 0, errs.NotFound("OPEN311_FORMAT_REQUIRED"))
		return "", f, false
	}
	return id, f, true
}

// fail answers a failed RPC through the edge's one error handler (which
// hides upstream internals and logs them, then writes GeoReport's errors
// for these paths).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	runtime.HTTPError(r.Context(), s.mux, &runtime.JSONPb{}, w, r, err)
}
