package errs_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
)

func TestViolationsNameEveryField(t *testing.T) {
	t.Parallel()
	var v errs.Violations
	v.Check(true, "title.ko", "required")
	v.Check(false, "kind", "unknown")
	v.Add("department_code", "required")
	err := v.Err()
	require.True(t, errs.Is(err, errs.KindInvalid))
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, []errs.FieldViolation{
		{Field: "department_code", Description: "required"},
		{Field: "title.ko", Description: "required"},
	}, e.Violations)
}

func TestKindSurvivesWrapping(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("loading: %w", errs.NotFound("item %d", 7))
	require.Equal(t, errs.KindNotFound, errs.KindOf(err))
	require.Equal(t, errs.KindInternal, errs.KindOf(errors.New("boom")))
	var none errs.Violations
	require.NoError(t, none.Err())
}

func TestNestNamesTheFullPath(t *testing.T) {
	t.Parallel()
	var v errs.Violations
	v.Add("phone", "not a phone number")
	err := errs.Nest(v.Err(), "contact")
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "contact.phone", e.Violations[0].Field)
	plain := errs.NotFound("x")
	require.Same(t, plain, errs.Nest(plain, "contact"))
}
