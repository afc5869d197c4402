package locale

import (
	"fmt"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Rendered is a classified error as its caller reads it.
type Rendered struct {
	Reason     string
	Message    string
	Metadata   map[string]string
	Violations []RenderedViolation
}

// RenderedViolation is one field violation as its caller reads it.
type RenderedViolation struct {
	Field, Reason, Description string
}

// Render renders e in l's language. A message another service already
// rendered is kept. Text that is not a reason (code not yet given one) is
// shown as written, under the kind's generic reason.
func (l Localizer) Render(e *errs.Error) Rendered {
	r := Rendered{Reason: e.Reason, Metadata: metadata(e.Args)}
	switch {
	case e.Message != "":
		r.Message = e.Message
	case errs.IsReason(e.Reason):
		r.Message = l.Message(e.Reason, e.Args...)
	default:
		r.Reason, r.Message = e.Kind.Reason(), legacy(e.Reason, e.Args)
	}
	if r.Reason == "" {
		r.Reason = e.Kind.Reason()
	}
	for _, v := range e.Violations {
		r.Violations = append(r.Violations, l.renderViolation(v))
	}
	return r
}

func (l Localizer) renderViolation(v errs.FieldViolation) RenderedViolation {
	out := RenderedViolation{Field: v.Field, Reason: v.Reason, Description: v.Description}
	switch {
	case !errs.IsReason(v.Reason):
		out.Reason = "INVALID_VALUE"
		if out.Description == "" {
			out.Description = legacy(v.Reason, v.Args)
		}
	case out.Description == "":
		out.Description = l.Message(v.Reason, v.Args...)
	}
	return out
}

// metadata is google.rpc.ErrorInfo's metadata: the message's arguments as
// strings, so clients can build their own text.
func metadata(args []any) map[string]string {
	if len(args) < 2 {
		return nil
	}
	m := map[string]string{}
	for k, v := range errs.Data(args) {
		m[k] = fmt.Sprint(v)
	}
	return m
}

func legacy(format string, args []any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}
