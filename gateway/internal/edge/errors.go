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
	"github.com/seoul-gov/homepage/platform/logging"
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
	st := s.relativeToBody(r, withDecodeViolation(s.callerSafe(ctx, status.Convert(err))))
	if httpStatus == 0 {
		httpStatus = runtime.HTTPStatusFromCode(st.Code())
	}
	if st.Code() == codes.Aborted && r.Header.Get("If-Match") != "" {
		// The precondition the client set is what failed (RFC 9110 §13.1.1);
		// without If-Match a stale etag field stays a 409 Conflict.
		httpStatus = http.StatusPreconditionFailed
	}
	apierror.WriteHTTP(w, r, httpStatus, st)
}

// callerSafe replaces messages that may expose the edge's internals.
// Services already send caller-safe messages (platform/grpcserver.ToStatus),
// but statuses produced on the edge's side of the connection do not:
// Unavailable carries dial errors with internal addresses, and Unknown
// wraps arbitrary Go errors. Their details go to the log, with the id.
func (s *Server) callerSafe(ctx context.Context, st *status.Status) *status.Status {
	rpc, _ := runtime.RPCMethod(ctx)
	switch st.Code() {
	case codes.Unavailable:
		s.log.WarnContext(ctx, "upstream unavailable", "rpc", rpc, "err", st.Message())
		return status.New(codes.Unavailable, "the service is temporarily unavailable; retry later")
	case codes.Unknown:
		s.log.ErrorContext(ctx, "unclassified error", "rpc", rpc, "err", st.Message())
		return status.New(codes.Internal, "internal error (request id "+logging.RequestID(ctx)+")")
	}
	return st
}

// writeRoutingError answers requests no route matches, in the same shape.
func (s *Server) writeRoutingError(_ context.Context, _ *runtime.ServeMux, _ runtime.Marshaler,
	w http.ResponseWriter, r *http.Request, httpStatus int) {
	switch httpStatus {
	case http.StatusNotFound:
		apierror.Write(w, r, status.New(codes.NotFound, "no such endpoint; see /docs"))
	case http.StatusMethodNotAllowed:
		allow := s.routes.allowed(r.URL.Path)
		w.Header().Set("Allow", strings.Join(allow, ", "))
		apierror.WriteHTTP(w, r, httpStatus, status.Newf(codes.Unimplemented,
			"method %s is not allowed here; allowed: %s", r.Method, strings.Join(allow, ", ")))
	default:
		apierror.WriteHTTP(w, r, httpStatus, status.New(codes.InvalidArgument, http.StatusText(httpStatus)))
	}
}

// relativeToBody names the violations of a route whose body is one field
// of the request (UpdateItem's item, EditPost's post) as the client wrote
// them: a REST client sent {"title": …}, so it reads title, where a gRPC
// caller reads item.title.
func (s *Server) relativeToBody(r *http.Request, st *status.Status) *status.Status {
	pat, ok := runtime.HTTPPattern(r.Context())
	if !ok || st.Code() != codes.InvalidArgument {
		return st
	}
	rt := s.routes.lookup(r.Method, pat.String())
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
