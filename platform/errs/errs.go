// Package errs is the one error-kind set of the suite. Domain and application
// code classify failures with a Kind and say why with a stable reason; the
// gRPC server maps kinds to status codes in exactly one place
// (grpcserver.ToStatus), renders the reason's message from the catalogue in
// the caller's language (platform/locale), and the gateway maps codes to
// HTTP. Internal causes stay in the error for logging and are never sent
// to callers.
//
// A reason is an UPPER_SNAKE_CASE constant (POST_NOT_FOUND, TOO_LONG) that
// clients may switch on (google.rpc.ErrorInfo.reason, and each field
// violation's reason); the arguments after it are name, value pairs that
// fill the message's template ("id", postID):
//
//	errs.NotFound("POST_NOT_FOUND", "id", id)
//	v.Check(len(title) > 200, "title", "TOO_LONG", "max", 200)
package errs

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Kind classifies an error for callers. Keep the set small: every kind must
// mean something different to a client.
type Kind int

const (
	// KindInternal is anything unclassified: a bug or an infrastructure fault.
	KindInternal Kind = iota
	// KindInvalid is bad input; the error carries per-field violations.
	KindInvalid
	// KindNotFound means the addressed resource does not exist (or is not visible).
	KindNotFound
	// KindAlreadyExists means a create collided with an existing resource.
	KindAlreadyExists
	// KindFailedPrecondition means the request is valid but the state forbids it
	// (insufficient points, publishing without announcement, ...).
	KindFailedPrecondition
	// KindConflict means a concurrent change won; the caller may retry.
	KindConflict
	// KindPermissionDenied means the caller is known but not allowed.
	KindPermissionDenied
	// KindUnauthenticated means the caller did not prove who it is.
	KindUnauthenticated
	// KindResourceExhausted means a quota or rate limit was hit.
	KindResourceExhausted
	// KindUnavailable means a dependency is down; retrying later may work.
	KindUnavailable
	// KindDeadlineExceeded means the operation ran out of time.
	KindDeadlineExceeded
)

var kindNames = map[Kind]string{
	KindInternal: "internal", KindInvalid: "invalid", KindNotFound: "not_found",
	KindAlreadyExists: "already_exists", KindFailedPrecondition: "failed_precondition",
	KindConflict: "conflict", KindPermissionDenied: "permission_denied",
	KindUnauthenticated: "unauthenticated", KindResourceExhausted: "resource_exhausted",
	KindUnavailable: "unavailable", KindDeadlineExceeded: "deadline_exceeded",
}

func (k Kind) String() string { return kindNames[k] }

// Reason is the generic reason of errors of kind k that name none of
// their own (INVALID_ARGUMENT, NOT_FOUND, ...).
func (k Kind) Reason() string { return strings.ToUpper(kindNames[k]) }

// reasonPattern is google.rpc.ErrorInfo's reason syntax.
var reasonPattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]*[A-Z0-9]$`)

// IsReason reports whether s has a reason's syntax.
func IsReason(s string) bool { return len(s) <= 63 && reasonPattern.MatchString(s) }

// FieldViolation names one bad field and says why with a reason.
type FieldViolation struct {
	Field  string
	Reason string
	// Args are the name, value pairs of the reason's message.
	Args []any
	// Description is a message already rendered (by another service, in
	// the caller's language); when set it is shown instead of the reason's.
	Description string
}

// Error is a classified error. Its reason and arguments are safe to show
// to callers; Cause is for logs only.
type Error struct {
	Kind   Kind
	Reason string
	// Args are the name, value pairs of the reason's message.
	Args []any
	// Message is a message already rendered (by another service, in the
	// caller's language); when set it is shown instead of the reason's.
	Message    string
	Violations []FieldViolation
	Cause      error
}

// Error is for logs: kind, reason with its arguments, violations, cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.String())
	if e.Reason != "" {
		b.WriteString(": " + e.Reason + formatArgs(e.Args))
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	for _, v := range e.Violations {
		fmt.Fprintf(&b, "; %s: %s%s", v.Field, v.Reason, formatArgs(v.Args))
		if v.Description != "" {
			b.WriteString(" " + v.Description)
		}
	}
	if e.Cause != nil {
		b.WriteString(": " + e.Cause.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Cause }

// Data is the template data of a message: its name, value pairs as a map.
func Data(args []any) map[string]any {
	m := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		m[fmt.Sprint(args[i])] = args[i+1]
	}
	return m
}

func formatArgs(args []any) string {
	var b strings.Builder
	for i := 0; i+1 < len(args); i += 2 {
		fmt.Fprintf(&b, " %v=%v", args[i], args[i+1])
	}
	return b.String()
}

// E builds a classified error with a reason and its message's arguments.
func E(kind Kind, reason string, args ...any) *Error {
	return &Error{Kind: kind, Reason: reason, Args: args}
}

// Wrap classifies cause under kind with a reason; the cause is only logged.
func Wrap(kind Kind, cause error, reason string, args ...any) *Error {
	e := E(kind, reason, args...)
	e.Cause = cause
	return e
}

// Shorthands for the common kinds.
func NotFound(reason string, args ...any) *Error { return E(KindNotFound, reason, args...) }
func PermissionDenied(reason string, args ...any) *Error {
	return E(KindPermissionDenied, reason, args...)
}
func FailedPrecondition(reason string, args ...any) *Error {
	return E(KindFailedPrecondition, reason, args...)
}
func AlreadyExists(reason string, args ...any) *Error { return E(KindAlreadyExists, reason, args...) }
func Conflict(reason string, args ...any) *Error      { return E(KindConflict, reason, args...) }
func Unauthenticated(reason string, args ...any) *Error {
	return E(KindUnauthenticated, reason, args...)
}
func Unavailable(reason string, args ...any) *Error { return E(KindUnavailable, reason, args...) }

// Invalid reports a single bad field.
func Invalid(field, reason string, args ...any) *Error {
	var v Violations
	v.Add(field, reason, args...)
	return v.Err().(*Error)
}

// KindOf returns the kind of err, KindInternal for unclassified errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// Is reports whether err is classified as kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }

// ReasonOf returns the reason of a classified err ("" otherwise).
func ReasonOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

// Violations collects field violations so a validator reports every bad field
// at once instead of stopping at the first.
type Violations struct{ list []FieldViolation }

// Add records a violation of field for reason.
func (v *Violations) Add(field, reason string, args ...any) {
	v.list = append(v.list, FieldViolation{Field: field, Reason: reason, Args: args})
}

// Check records a violation when bad is true.
func (v *Violations) Check(bad bool, field, reason string, args ...any) {
	if bad {
		v.Add(field, reason, args...)
	}
}

// AddError records a violation of field with the reason and arguments of
// err (a classified error made by a validator); any other error is an
// invalid value.
func (v *Violations) AddError(field string, err error) {
	var e *Error
	if errors.As(err, &e) && e.Reason != "" {
		v.Add(field, e.Reason, e.Args...)
		return
	}
	v.Add(field, "INVALID_VALUE")
}

// Merge adds the violations of err, an invalid-argument error, and reports
// whether it was one; any other error is left to the caller.
func (v *Violations) Merge(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindInvalid {
		return false
	}
	v.list = append(v.list, e.Violations...)
	return true
}

// Err returns an invalid-argument error naming every recorded field, or nil.
func (v *Violations) Err() error {
	if len(v.list) == 0 {
		return nil
	}
	list := append([]FieldViolation(nil), v.list...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Field < list[j].Field })
	return &Error{Kind: KindInvalid, Reason: KindInvalid.Reason(), Violations: list}
}

// Nest names err's field violations as fields of parent: a violation of
// "phone" becomes "contact.phone". It lets a use case validate a nested
// message (or have another service validate it) and still report the
// full path of the request field. Other errors pass unchanged.
func Nest(err error, parent string) error {
	return Rename(err, func(field string) string { return parent + "." + field })
}

// Rename renames err's violated fields with name (another service's
// fields[1].value becomes this request's contact.phone). Other errors
// pass unchanged.
func Rename(err error, name func(field string) string) error {
	var e *Error
	if !errors.As(err, &e) || len(e.Violations) == 0 {
		return err
	}
	renamed := *e
	renamed.Violations = make([]FieldViolation, len(e.Violations))
	for i, v := range e.Violations {
		v.Field = name(v.Field)
		renamed.Violations[i] = v
	}
	return &renamed
}
