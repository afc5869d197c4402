// Package errs is the one error-kind set of the suite. Domain and application
// code classify failures with a Kind; the gRPC server maps kinds to status
// codes in exactly one place (grpcserver.toStatus) and the gateway maps those
// codes to HTTP. Internal causes stay in the error for logging and are never
// sent to callers.
package errs

import (
	"errors"
	"fmt"
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

// FieldViolation names one bad field and says what is wrong with it.
type FieldViolation struct {
	Field       string
	Description string
}

// Error is a classified error. Message is safe to show to callers; Cause is
// for logs only.
type Error struct {
	Kind       Kind
	Message    string
	Violations []FieldViolation
	Cause      error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.String())
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for _, v := range e.Violations {
		fmt.Fprintf(&b, "; %s: %s", v.Field, v.Description)
	}
	if e.Cause != nil {
		b.WriteString(": ")
		b.WriteString(e.Cause.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Cause }

// E builds a classified error with a caller-safe message.
func E(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Wrap classifies cause under kind with a caller-safe message; the cause is
// only logged.
func Wrap(kind Kind, cause error, message string) *Error {
	return &Error{Kind: kind, Message: message, Cause: cause}
}

// Shorthands for the common kinds.
func NotFound(format string, args ...any) *Error { return E(KindNotFound, format, args...) }
func PermissionDenied(format string, args ...any) *Error {
	return E(KindPermissionDenied, format, args...)
}
func FailedPrecondition(format string, args ...any) *Error {
	return E(KindFailedPrecondition, format, args...)
}
func AlreadyExists(format string, args ...any) *Error { return E(KindAlreadyExists, format, args...) }
func Conflict(format string, args ...any) *Error      { return E(KindConflict, format, args...) }
func Unauthenticated(format string, args ...any) *Error {
	return E(KindUnauthenticated, format, args...)
}

// Invalid reports a single bad field.
func Invalid(field, description string) *Error {
	return &Error{Kind: KindInvalid, Message: "invalid argument",
		Violations: []FieldViolation{{Field: field, Description: description}}}
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

// Violations collects field violations so a validator reports every bad field
// at once instead of stopping at the first.
type Violations struct{ list []FieldViolation }

// Add records a violation.
func (v *Violations) Add(field, description string) {
	v.list = append(v.list, FieldViolation{Field: field, Description: description})
}

// Check records a violation when bad is true.
func (v *Violations) Check(bad bool, field, description string) {
	if bad {
		v.Add(field, description)
	}
}

// Err returns an invalid-argument error naming every recorded field, or nil.
func (v *Violations) Err() error {
	if len(v.list) == 0 {
		return nil
	}
	list := append([]FieldViolation(nil), v.list...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Field < list[j].Field })
	return &Error{Kind: KindInvalid, Message: "invalid argument", Violations: list}
}

// Nest names err's field violations as fields of parent: a violation of
// "phone" becomes "contact.phone". It lets a use case validate a nested
// message (or have another service validate it) and still report the
// full path of the request field. Other errors pass unchanged.
func Nest(err error, parent string) error {
	var e *Error
	if !errors.As(err, &e) || len(e.Violations) == 0 {
		return err
	}
	nested := *e
	nested.Violations = make([]FieldViolation, len(e.Violations))
	for i, v := range e.Violations {
		v.Field = parent + "." + v.Field
		nested.Violations[i] = v
	}
	return &nested
}
