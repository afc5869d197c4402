// Package errstest reads refusals in tests: the fields an InvalidArgument
// error names, with their reasons. Every app and domain test of the suite
// checks its violations through it, not through a helper of its own.
package errstest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Fields returns the fields err names, in its order; the test fails unless
// err is an InvalidArgument error.
func Fields(t testing.TB, err error) []string {
	t.Helper()
	var fields []string
	for _, v := range violations(t, err) {
		fields = append(fields, v.Field)
	}
	return fields
}

// Reasons returns each field err names with its reason; the test fails
// unless err is an InvalidArgument error.
func Reasons(t testing.TB, err error) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, v := range violations(t, err) {
		out[v.Field] = v.Reason
	}
	return out
}

func violations(t testing.TB, err error) []errs.FieldViolation {
	t.Helper()
	var e *errs.Error
	require.ErrorAs(t, err, &e, "want invalid input")
	require.Equal(t, errs.KindInvalid, e.Kind, "want invalid input, got %v", err)
	return e.Violations
}

// Succeeds is the outcome of a call that is allowed and works, for the
// want column of a table test beside the error kinds.
const Succeeds errs.Kind = -1

// RequireOutcome checks that err is nil when want is Succeeds, and
// otherwise an error of kind want carrying reason (when reason is not "").
func RequireOutcome(t testing.TB, want errs.Kind, reason string, err error) {
	t.Helper()
	if want == Succeeds {
		require.NoError(t, err)
		return
	}
	require.Error(t, err)
	require.True(t, errs.Is(err, want), "want %v, got %v", want, err)
	if reason != "" {
		require.Equal(t, reason, errs.ReasonOf(err), "%v", err)
	}
}
