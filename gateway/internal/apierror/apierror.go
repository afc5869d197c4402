// Package apierror writes the edge's one JSON error shape. Every failure a
// client can see — an upstream status, an unknown route, a rejected token, a
// rate limit, bad input to the development issuer — goes through Write, so a
// client needs exactly one parser for errors:
//
//	{"code": 3, "status": "INVALID_ARGUMENT", "reason": "INVALID", "message": "...",
//	 "request_id": "...", "field_violations": [{"field": "...", "reason": "...", "description": "..."}]}
//
// reason is the stable machine-readable reason (google.rpc.ErrorInfo) and
// message its text in the caller's language: Korean by default, English on
// Accept-Language: en (platform/locale renders both, in the services for
// their errors and here for the edge's own).
//
// HTTP statuses follow grpc-gateway's standard table (runtime.HTTPStatusFromCode):
// InvalidArgument, FailedPrecondition and OutOfRange → 400, Unauthenticated → 401,
// PermissionDenied → 403, NotFound → 404, AlreadyExists and Aborted → 409,
// ResourceExhausted → 429, Canceled → 499, Unimplemented → 501,
// Unavailable → 503 with Retry-After, DeadlineExceeded → 504, anything
// else → 500.
package apierror

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/seoul-gov/homepage/gateway/internal/open311"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/logging"
)

// RetryAfterUnavailable is the Retry-After (seconds) of every 503: short,
// since services reconnect within seconds once a dependency is back.
const RetryAfterUnavailable = "2"

// FieldViolation names one bad request field and why.
type FieldViolation struct {
	Field       string `json:"field"`
	Reason      string `json:"reason,omitempty"`
	Description string `json:"description"`
}

// Body is the JSON error document.
type Body struct {
	// Code is the numeric gRPC status code.
	Code int `json:"code"`
	// Status is the canonical name of Code, e.g. "INVALID_ARGUMENT".
	Status string `json:"status"`
	// Reason is the stable reason, e.g. "POST_NOT_FOUND".
	Reason          string           `json:"reason,omitempty"`
	Message         string           `json:"message"`
	RequestID       string           `json:"request_id,omitempty"`
	FieldViolations []FieldViolation `json:"field_violations,omitempty"`
}

// FromStatus builds the body for st, lifting google.rpc.BadRequest details
// into field_violations so clients never have to decode protobuf Any.
func FromStatus(st *status.Status, requestID string) Body {
	b := Body{
		Code:      int(st.Code()),
		Status:    StatusName(st.Code()),
		Message:   st.Message(),
		RequestID: requestID,
	}
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			b.Reason = d.GetReason()
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				b.FieldViolations = append(b.FieldViolations,
					FieldViolation{Field: v.GetField(), Reason: v.GetReason(), Description: v.GetDescription()})
			}
		}
	}
	return b
}

// Error writes e, the edge's own error, rendered in the request's
// Accept-Language, with httpStatus (0: the one its code maps to) and code
// when given instead of the kind's.
func Error(w http.ResponseWriter, r *http.Request, httpStatus int, e *errs.Error, code ...codes.Code) {
	st := grpcserver.StatusOf(InLanguage(r), e, code...)
	if httpStatus == 0 {
		httpStatus = runtime.HTTPStatusFromCode(st.Code())
	}
	WriteHTTP(w, r, httpStatus, st)
}

// InLanguage is r's context with the caller's Accept-Language, in which
// the edge renders its own errors.
func InLanguage(r *http.Request) context.Context {
	return locale.WithAcceptLanguage(r.Context(), r.Header.Get("Accept-Language"))
}

// StatusName returns the canonical upper-case name of c ("NOT_FOUND"), the
// spelling google.rpc.Code and every Google API use on the wire.
func StatusName(c codes.Code) string {
	if name, ok := code.Code_name[int32(c)]; ok {
		return name
	}
	return code.Code_UNKNOWN.String()
}

// Write sends st with the HTTP status grpc-gateway maps its code to.
func Write(w http.ResponseWriter, r *http.Request, st *status.Status) {
	WriteHTTP(w, r, runtime.HTTPStatusFromCode(st.Code()), st)
}

// WriteHTTP sends st with an explicit HTTP status, for the few cases (405)
// where the gRPC code has no exact HTTP counterpart.
func WriteHTTP(w http.ResponseWriter, r *http.Request, httpStatus int, st *status.Status) {
	body := FromStatus(st, logging.RequestID(r.Context()))
	h := w.Header()
	// A partially written success response may have set these; the error
	// replaces the whole response.
	h.Del("Content-Length")
	h.Del("Trailer")
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	switch st.Code() {
	case codes.Unauthenticated:
		h.Set("WWW-Authenticate", challenge(r))
	case codes.Unavailable:
		// A dependency is down (a service, its database, the privacy vault):
		// the request may be repeated as is (creates carry a request_id).
		h.Set("Retry-After", RetryAfterUnavailable)
	}
	if open311.Owns(r) {
		// GeoReport clients parse the specification's error list.
		open311.WriteStatus(w, r, httpStatus, st)
		return
	}
	w.WriteHeader(httpStatus)
	_ = json.NewEncoder(w).Encode(body)
}

// challenge is the RFC 6750 §3 WWW-Authenticate value: the scheme the edge
// expects, plus error="invalid_token" only when the client did send a
// token; a caller who sent none simply has to sign in.
func challenge(r *http.Request) string {
	const base = `Bearer realm="seoul-homepage"`
	if r.Header.Get("Authorization") != "" {
		return base + `, error="invalid_token"`
	}
	return base
}
