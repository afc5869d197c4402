package grpcserver

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/logging"
)

// kindCodes is the one table from error kinds to gRPC codes. The gateway
// maps these codes to HTTP statuses (InvalidArgument → 400, ...).
var kindCodes = map[errs.Kind]codes.Code{
	errs.KindInternal:           codes.Internal,
	errs.KindInvalid:            codes.InvalidArgument,
	errs.KindNotFound:           codes.NotFound,
	errs.KindAlreadyExists:      codes.AlreadyExists,
	errs.KindFailedPrecondition: codes.FailedPrecondition,
	errs.KindConflict:           codes.Aborted,
	errs.KindPermissionDenied:   codes.PermissionDenied,
	errs.KindUnauthenticated:    codes.Unauthenticated,
	errs.KindResourceExhausted:  codes.ResourceExhausted,
	errs.KindUnavailable:        codes.Unavailable,
	errs.KindDeadlineExceeded:   codes.DeadlineExceeded,
}

// ToStatus converts any error returned by a handler to a gRPC status. It is
// the only place where errors become wire statuses: a classified error
// answers with its reason (google.rpc.ErrorInfo) and the reason's message
// in the caller's language (platform/locale; Korean unless the caller's
// accept-language asks otherwise), its field violations with theirs
// (google.rpc.BadRequest); everything else becomes a generic Internal
// whose cause is logged with the request id.
func ToStatus(ctx context.Context, log *slog.Logger, err error) *status.Status {
	if err == nil {
		return nil
	}
	var e *errs.Error
	if errors.As(err, &e) {
		// Classified first: a classified error wrapping a downstream status
		// must answer with our kind and message, not the downstream text.
		return classified(ctx, log, e)
	}
	if se, ok := err.(interface{ GRPCStatus() *status.Status }); ok {
		return se.GRPCStatus() // a downstream status returned as is
	}
	switch {
	case errors.Is(err, context.Canceled):
		return classified(ctx, log, errs.Wrap(errs.KindInternal, err, "REQUEST_CANCELLED"), codes.Canceled)
	case errors.Is(err, context.DeadlineExceeded):
		return classified(ctx, log, errs.Wrap(errs.KindDeadlineExceeded, err, "DEADLINE_EXCEEDED"))
	}
	log.ErrorContext(ctx, "internal error", "err", err)
	return internal(ctx)
}

// errorDomain is google.rpc.ErrorInfo's domain of every reason of the suite.
const errorDomain = "homepage.seoul.go.kr"

// classified renders e for the caller; code, when given, overrides the
// kind's code (a cancelled request is Canceled, not Internal).
func classified(ctx context.Context, log *slog.Logger, e *errs.Error, code ...codes.Code) *status.Status {
	c := kindCodes[e.Kind]
	if len(code) > 0 {
		c = code[0]
	}
	if c == codes.Internal || c == codes.Unavailable {
		log.ErrorContext(ctx, "request failed", "kind", e.Kind.String(), "err", e)
	}
	return render(ctx, e, c)
}

// StatusOf renders a classified error for the caller in ctx without
// logging it: for errors made outside a handler (the edge's own). code,
// when given, overrides the kind's code (405 is Unimplemented, a code no
// kind of a service's own needs).
func StatusOf(ctx context.Context, e *errs.Error, code ...codes.Code) *status.Status {
	c := kindCodes[e.Kind]
	if len(code) > 0 {
		c = code[0]
	}
	return render(ctx, e, c)
}

// KindOf is the kind of a gRPC code, the inverse of the one table, for
// statuses that come back from another service.
func KindOf(c codes.Code) errs.Kind {
	for k, kc := range kindCodes {
		if kc == c {
			return k
		}
	}
	return errs.KindInternal
}

func render(ctx context.Context, e *errs.Error, c codes.Code) *status.Status {
	if c == codes.Internal {
		return internal(ctx)
	}
	l := locale.For(ctx)
	r := l.Render(e)
	return withDetails(status.New(c, r.Message), l, r)
}

// internal is the answer to anything unclassified: no internals, only the
// request id to quote.
func internal(ctx context.Context) *status.Status {
	l := locale.For(ctx)
	id := logging.RequestID(ctx)
	r := locale.Rendered{Reason: "INTERNAL", Message: l.Message("INTERNAL", "request_id", id),
		Metadata: map[string]string{"request_id": id}}
	return withDetails(status.New(codes.Internal, r.Message), l, r)
}

// withDetails adds the reason (ErrorInfo), the message's language
// (LocalizedMessage) and the field violations (BadRequest) to st.
func withDetails(st *status.Status, l locale.Localizer, r locale.Rendered) *status.Status {
	details := []protoadapt.MessageV1{
		&errdetails.ErrorInfo{Reason: r.Reason, Domain: errorDomain, Metadata: r.Metadata},
		&errdetails.LocalizedMessage{Locale: l.Language(), Message: r.Message},
	}
	if len(r.Violations) > 0 {
		br := &errdetails.BadRequest{}
		for _, v := range r.Violations {
			br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{
				Field: v.Field, Reason: v.Reason, Description: v.Description,
				LocalizedMessage: &errdetails.LocalizedMessage{Locale: l.Language(), Message: v.Description}})
		}
		details = append(details, br)
	}
	if out, err := st.WithDetails(details...); err == nil {
		return out
	}
	return st
}
