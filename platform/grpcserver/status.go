package grpcserver

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/platform/pg"
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
// the only place where errors become wire statuses: classified errors keep
// their caller-safe message; everything else becomes a generic Internal
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
	if pg.Unavailable(err) {
		// A store that returned a driver error without pg.MapError: a
		// database outage is still Unavailable, never Internal.
		return classified(ctx, log, errs.Wrap(errs.KindUnavailable, err, "the database is temporarily unavailable; retry later"))
	}
	switch {
	case errors.Is(err, context.Canceled):
		return status.New(codes.Canceled, "request cancelled")
	case errors.Is(err, context.DeadlineExceeded):
		return status.New(codes.DeadlineExceeded, "deadline exceeded")
	}
	log.ErrorContext(ctx, "internal error", "err", err)
	return status.New(codes.Internal, "internal error (request id "+logging.RequestID(ctx)+")")
}

func classified(ctx context.Context, log *slog.Logger, e *errs.Error) *status.Status {
	code := kindCodes[e.Kind]
	if code == codes.Internal || code == codes.Unavailable {
		log.ErrorContext(ctx, "request failed", "kind", e.Kind.String(), "err", e)
	}
	if code == codes.Internal {
		return status.New(codes.Internal, "internal error (request id "+logging.RequestID(ctx)+")")
	}
	st := status.New(code, e.Message)
	if len(e.Violations) == 0 {
		return st
	}
	br := &errdetails.BadRequest{}
	for _, v := range e.Violations {
		br.FieldViolations = append(br.FieldViolations,
			&errdetails.BadRequest_FieldViolation{Field: v.Field, Description: v.Description})
	}
	if withDetails, err := st.WithDetails(br); err == nil {
		return withDetails
	}
	return st
}
