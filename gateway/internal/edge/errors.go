package edge

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
)

// writeGatewayError is the mux's error handler: every failed RPC, and every
// request the mux could not decode, becomes the edge's JSON error with the
// HTTP status grpc-gateway maps the code to (see package apierror).
func (s *Server) writeGatewayError(ctx context.Context, _ *runtime.ServeMux, _ runtime.Marshaler,
	w http.ResponseWriter, r *http.Request, err error) {
	httpStatus := 0
	var custom *runtime.HTTPStatusError
	if errors.As(err, &custom) {
		httpStatus, err = custom.HTTPStatus, custom.Err
	}
	var st *status.Status
	if own := (*errs.Error)(nil); errors.As(err, &own) {
		st = grpcserver.StatusOf(apierror.InLanguage(r), own)
	} else {
		st = withDecodeViolation(apierror.InLanguage(r), s.callerSafe(ctx, r, status.Convert(err)))
	}
	st = s.relativeToBody(r, st)
	if httpStatus == 0 {
		httpStatus = runtime.HTTPStatusFromCode(st.Code())
	}
	if apierror.FromStatus(st, "").Reason == "ETAG_MISMATCH" && r.Header.Get("If-Match") != "" {
		// The precondition the client set is what failed (RFC 9110 §13.1.1);
		// without If-Match a stale etag field stays a 409 Conflict.
		httpStatus = http.StatusPreconditionFailed
	}
	apierror.WriteHTTP(w, r, httpStatus, st)
}

// callerSafe replaces messages that may expose the edge's internals.
// Services send caller-safe messages with a reason (platform/grpcserver.
// ToStatus), but statuses produced on the edge's side of the connection do
// not: Unavailable carries dial errors with internal addresses, and Unknown
// wraps arbitrary Go errors. Their details go to the log, with the id.
func (s *Server) callerSafe(ctx context.Context, r *http.Request, st *status.Status) *status.Status {
	rpc, _ := runtime.RPCMethod(ctx)
	fromService := apierror.FromStatus(st, "").Reason != ""
	switch {
	case st.Code() == codes.Unavailable && !fromService:
		s.log.WarnContext(ctx, "upstream unavailable", "rpc", rpc, "err", st.Message())
		return grpcserver.StatusOf(apierror.InLanguage(r), errs.E(errs.KindUnavailable, "UNAVAILABLE"))
	case st.Code() == codes.Unknown:
		s.log.ErrorContext(ctx, "unclassified error", "rpc", rpc, "err", st.Message())
		return grpcserver.StatusOf(apierror.InLanguage(r), errs.E(errs.KindInternal, "INTERNAL"))
	}
	return st
}

// writeRoutingError answers requests no route matches, in the same shape.
func (s *Server) writeRoutingError(_ context.Context, _ *runtime.ServeMux, _ runtime.Marshaler,
	w http.ResponseWriter, r *http.Request, httpStatus int) {
	switch httpStatus {
	case http.StatusNotFound:
		apierror.Error(w, r, 0, errs.NotFound("ROUTE_NOT_FOUND", "path", r.URL.Path))
	case http.StatusMethodNotAllowed:
		allow := strings.Join(s.routes.allowed(r.URL.Path), ", ")
		w.Header().Set("Allow", allow)
		apierror.Error(w, r, httpStatus, errs.E(errs.KindInvalid, "METHOD_NOT_ALLOWED", "method", r.Method,
			"allowed", allow), codes.Unimplemented)
	default:
		apierror.Error(w, r, httpStatus, errs.E(errs.KindInvalid, "BAD_REQUEST_PATH"))
	}
}

// relativeToBody names the violations of a route whose body is one field
// of the request (UpdateItem's item, EditPost's post) as the client wrote
// them: a REST client sent {"title": …}, so it reads title, where a gRPC
// caller reads item.title.
func (s *Server) relativeToBody(r *http.Request, st *status.Status) *status.Status {
	if st.Code() != codes.InvalidArgument {
		return st
	}
	rt := s.matchedRoute(r)
	if rt == nil || rt.body == "" || rt.body == "*" {
		return st
	}
	prefix := rt.body + "."
	p := st.Proto()
	for i, d := range p.GetDetails() {
		br := &errdetails.BadRequest{}
		if d.UnmarshalTo(br) != nil {
			continue
		}
		for _, v := range br.GetFieldViolations() {
			v.Field = strings.TrimPrefix(v.GetField(), prefix)
		}
		if a, err := anypb.New(br); err == nil {
			p.Details[i] = a
		}
	}
	return status.FromProto(p)
}
