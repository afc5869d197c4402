package edge

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/seoul-gov/homepage/gateway/internal/auth"
	"github.com/seoul-gov/homepage/gateway/internal/docs"
	"github.com/seoul-gov/homepage/gateway/internal/middleware"
	"github.com/seoul-gov/homepage/gateway/internal/open311"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/ratelimit"
)

// maxBodyBytes bounds request bodies. The API takes JSON documents, not
// uploads, so anything larger is a mistake or an attack.
const maxBodyBytes = 1 << 20

// newGatewayMux builds the grpc-gateway mux: JSON with the proto field
// names and with zero values (a new citizen's balance is "balance": "0",
// not a missing field), unknown request fields refused and a value of the
// wrong type named by its path (namingMarshaler), (a typo in a
// citizen's form should be an error, not silently dropped), answers written
// as protojson writes them without its allocations (answerJSON), no gRPC
// metadata turned into response headers (they are for the edge, not for
// clients), and every error in the edge's JSON shape.
//
// The services get from the edge what they read and nothing more: the
// caller's token (grpc-gateway passes Authorization on by itself), request
// id and language (platform/grpcclient). No other HTTP header becomes
// metadata (grpc-gateway would forward the permanent ones, cookies
// included, as grpcgateway-*), and the x-forwarded-host and
// x-forwarded-for it always adds are withheld (bindRequest hands it the
// request through forwarding.WithoutClientAddress): no service reads them,
// the client's address is personal data, and every key costs the edge and
// the service allocations on every call (issue 17).
func (s *Server) newGatewayMux() *runtime.ServeMux {
	marshaler := &runtime.HTTPBodyMarshaler{Marshaler: namingMarshaler{answerJSON{&runtime.JSONPb{
		MarshalOptions:   protojson.MarshalOptions{UseProtoNames: true, EmitUnpopulated: true},
		UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
	}}}}
	none := func(string) (string, bool) { return "", false }
	return runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, marshaler),
		runtime.WithErrorHandler(s.writeGatewayError),
		runtime.WithRoutingErrorHandler(s.writeRoutingError),
		runtime.WithMiddlewares(recordRoute, s.cached, s.bindRequest),
		runtime.WithIncomingHeaderMatcher(none),
		runtime.WithOutgoingHeaderMatcher(none),
		runtime.WithOutgoingTrailerMatcher(none),
		runtime.WithForwardResponseOption(setETag),
		// A form-encoded POST is not a GET in disguise here: the API is JSON.
		runtime.WithDisablePathLengthFallback(),
	)
}

// recordRoute labels the request with its route pattern (for metrics and
// the access log) once the mux has matched it. grpc-gateway applies its
// middlewares to each route's handler as it registers it, so an instance
// of recordRoute serves one route: the pattern is printed on its first
// request and kept (printing builds the string anew each time).
func recordRoute(next runtime.HandlerFunc) runtime.HandlerFunc {
	var route atomic.Pointer[string]
	return func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		p := route.Load()
		if p == nil {
			if pat, ok := runtime.HTTPPattern(r.Context()); ok {
				s := pat.String()
				p = &s
				route.Store(p)
			}
		}
		if p != nil {
			middleware.SetRoute(r.Context(), *p)
		}
		next(w, r, params)
	}
}

// matchedPattern is the route pattern the mux matched, as Pattern.String
// prints it. Printing builds the string anew each time, so the one
// recordRoute kept for the access log is reused when there is one.
func matchedPattern(r *http.Request) (string, bool) {
	if in := middleware.InfoFrom(r.Context()); in != nil && in.Route != middleware.RouteUnmatched {
		return in.Route, true
	}
	pat, ok := runtime.HTTPPattern(r.Context())
	if !ok {
		return "", false
	}
	return pat.String(), true
}

// mountLocal adds the edge's own endpoints to the same mux as the services'
// routes, so they share routing, 404/405 handling and route labels.
func (s *Server) mountLocal(mux *runtime.ServeMux, dev *auth.DevIssuer) error {
	routes := []struct {
		method, path string
		h            http.Handler
	}{
		{http.MethodGet, "/healthz", http.HandlerFunc(s.healthz)},
		{http.MethodGet, "/readyz", http.HandlerFunc(s.readyz)},
		{http.MethodGet, "/openapi.json", docs.OpenAPI()},
		{http.MethodGet, "/openapi3.json", docs.OpenAPIV3()},
		{http.MethodGet, "/docs", docs.Page(dev != nil)},
	}
	if dev != nil {
		routes = append(routes, struct {
			method, path string
			h            http.Handler
		}{http.MethodPost, "/dev/token", dev})
	}
	for _, rt := range routes {
		s.routes.addLocal(rt.method, rt.path)
		h := rt.h
		err := mux.HandlePath(rt.method, rt.path, func(w http.ResponseWriter, r *http.Request, _ map[string]string) {
			h.ServeHTTP(w, r)
		})
		if err != nil {
			return fmt.Errorf("mount %s %s: %w", rt.method, rt.path, err)
		}
	}
	return nil
}

// mountOpen311 adds the GeoReport v2 resources (package open311) over the
// petition service's connection, on the same mux as every other route.
func (s *Server) mountOpen311(mux *runtime.ServeMux) error {
	var petition *upstreamConn
	for i := range s.conns {
		if s.conns[i].name == "petition" {
			petition = &s.conns[i]
		}
	}
	if petition == nil {
		return fmt.Errorf("open311: no petition upstream")
	}
	for _, rt := range open311.New(s.cfg.Open311, petition.cc, mux, s.log).Routes() {
		s.routes.addLocal(rt.Method, rt.Path)
		if err := mux.HandlePath(rt.Method, rt.Path, rt.Handler); err != nil {
			return fmt.Errorf("mount %s %s: %w", rt.Method, rt.Path, err)
		}
	}
	return nil
}

// chain wraps the mux in the edge's policy, outermost first. The order is
// deliberate: the request id exists before anything logs; observation sees
// the final status even of panics; CORS headers are on every answer,
// errors included, so browsers can read them; a per-address limit comes
// before authentication, so invalid tokens are throttled before each costs
// a signature check; the per-client limit comes after it, so signed-in
// clients are limited per subject, not per IP.
func (s *Server) chain(mux http.Handler, v auth.Verifier) http.Handler {
	byAddress := ratelimit.New(s.cfg.AddressRateLimitRPS, s.cfg.AddressRateLimitBurst)
	byClient := ratelimit.New(s.cfg.RateLimitRPS, s.cfg.RateLimitBurst)
	// The server span comes first, so a client's traceparent is honoured
	// and every upstream call and log line joins that trace.
	return s.traced(middleware.Chain(s.cacheFront(mux),
		middleware.RequestID,
		middleware.Language,
		middleware.Observe(s.log),
		middleware.Recover(s.log),
		middleware.CORS(s.cfg.origins()),
		middleware.RateLimit(byAddress, middleware.AddressKey, isProbe),
		auth.Middleware(v, s.log),
		middleware.RateLimit(byClient, middleware.ClientKey, isProbe),
		middleware.NoStore,
		middleware.ValidUTF8,
		middleware.Limits(s.cfg.RequestTimeout, maxBodyBytes),
		middleware.JSONBodies,
		middleware.NotModified,
	))
}

// traced starts the request's server span. Spans are recorded only where
// a collector receives them (platform/tracing); without one, otelhttp's
// attributes, response wrapping and metrics would cost every request for
// nothing kept (7 % of the edge's CPU, issue 17), so the span is started
// bare: the client's trace context is still honoured and the span's ids
// still reach the log lines and the upstream calls.
func (s *Server) traced(next http.Handler) http.Handler {
	if s.cfg.OTLPEndpoint != "" {
		return otelhttp.NewHandler(next, "edge",
			otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + r.URL.Path }))
	}
	tracer := otel.Tracer("github.com/seoul-gov/homepage/gateway/internal/edge")
	server := trace.WithSpanKind(trace.SpanKindServer) // made once: an option is an allocation
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := otel.GetTextMapPropagator().Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := tracer.Start(ctx, "edge", server)
		defer span.End()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// isProbe exempts orchestrator probes from rate limiting.
func isProbe(r *http.Request) bool {
	return r.URL.Path == "/healthz" || r.URL.Path == "/readyz"
}

// newDevIssuer loads the development issuer when enabled, else returns nil.
func newDevIssuer(cfg Config, log *slog.Logger) (*auth.DevIssuer, error) {
	if !cfg.DevIssuerEnabled {
		return nil, nil
	}
	iss, err := identity.LoadIssuer(cfg.Issuer, cfg.Audience, cfg.DevIssuerKeyFile)
	if err != nil {
		return nil, fmt.Errorf("DEV_ISSUER_KEY_FILE: %w", err)
	}
	log.Warn("development token issuer enabled: anyone who can reach POST /dev/token can mint tokens for any role")
	checkDevKeyTrusted(cfg, iss, log)
	return auth.NewDevIssuer(iss, log), nil
}

// checkDevKeyTrusted warns when tokens from the development issuer would
// not verify against the configured JWKS: the usual cause of "every call
// is 401" during local setup.
func checkDevKeyTrusted(cfg Config, iss *identity.Issuer, log *slog.Logger) {
	tok, err := iss.Mint(identity.Claims{Subject: "startup-check"}, time.Minute)
	if err == nil {
		v := identity.NewVerifier(cfg.Issuer, cfg.Audience, identity.KeySourceFor(cfg.JWKSFile, cfg.JWKSURL))
		_, err = v.Verify(tok)
	}
	if err != nil {
		log.Warn("development issuer's tokens do not verify against AUTH_JWKS_FILE/AUTH_JWKS_URL", "err", err)
	}
}
