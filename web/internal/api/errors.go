package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// FieldViolation is one bad field of a request, named by its full path as
// the API knows it (contact.phone, title.ko), with the edge's explanation
// in the caller's language.
type FieldViolation struct {
	Field       string `json:"field"`
	Reason      string `json:"reason"`
	Description string `json:"description"`
}

// Error is an answer of the edge other than 2xx, in the edge's one error
// shape, or a failure to reach the edge at all (HTTPStatus 503).
type Error struct {
	HTTPStatus      int              `json:"-"`
	Code            int              `json:"code"`
	Status          string           `json:"status"`
	Reason          string           `json:"reason"`
	Message         string           `json:"message"`
	RequestID       string           `json:"request_id"`
	FieldViolations []FieldViolation `json:"field_violations"`
	// RetryAfter is the edge's Retry-After for 429 and 503 answers.
	RetryAfter string `json:"-"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("edge answered %d %s: %s", e.HTTPStatus, e.Status, e.Message)
}

// Invalid tells whether the request was refused for bad input (400 naming
// fields, or a failed precondition the visitor can act on).
func (e *Error) Invalid() bool { return e.HTTPStatus == http.StatusBadRequest }

// Conflict tells whether the resource changed meanwhile (stale etag) or
// already exists.
func (e *Error) Conflict() bool {
	return e.HTTPStatus == http.StatusConflict || e.HTTPStatus == http.StatusPreconditionFailed
}

// As returns the edge's error in err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// StatusOf is the HTTP status of err as the edge answered it, 0 for an
// error that did not come from the edge.
func StatusOf(err error) int {
	if e, ok := As(err); ok {
		return e.HTTPStatus
	}
	return 0
}

func decodeError(resp *http.Response, raw []byte) error {
	e := &Error{HTTPStatus: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After")}
	if err := json.Unmarshal(raw, e); err != nil || e.Status == "" {
		// Not the edge's shape (a proxy in between): keep the status.
		e.Status = http.StatusText(resp.StatusCode)
	}
	e.HTTPStatus = resp.StatusCode
	return e
}

// unreachable is the error for an edge that did not answer: to the visitor
// it is the same as the edge saying it is unavailable.
func unreachable(cause error) error {
	return fmt.Errorf("%w (%v)", &Error{HTTPStatus: http.StatusServiceUnavailable, Status: "UNAVAILABLE", RetryAfter: "2"}, cause)
}
