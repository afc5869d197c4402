package grpcclient

import (
	"errors"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
)

// Downstream classifies the error of a call to another service as that
// service did: the kind of its code, its reason, and its message and field
// violations as it rendered them (in our caller's language, which the call
// forwarded). A caller keeps the verdicts its own caller can act on (bad
// input, renamed to its own request's fields with errs.Rename) and replaces
// the rest with its own reason; the status stays the cause, for logs.
func Downstream(err error) *errs.Error {
	var e *errs.Error
	if errors.As(err, &e) {
		return e
	}
	st := status.Convert(err)
	out := &errs.Error{Kind: grpcserver.KindOf(st.Code()), Message: st.Message(), Cause: err}
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			out.Reason, out.Args = d.GetReason(), metadataArgs(d.GetMetadata())
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				out.Violations = append(out.Violations, errs.FieldViolation{Field: v.GetField(),
					Reason: v.GetReason(), Description: v.GetDescription()})
			}
		}
	}
	if out.Reason == "" {
		out.Reason = out.Kind.Reason()
	}
	return out
}

func metadataArgs(m map[string]string) []any {
	var args []any
	for k, v := range m {
		args = append(args, k, v)
	}
	return args
}
