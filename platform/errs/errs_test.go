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
	v.Check(true, "title.ko", "REQUIRED")
	v.Check(false, "kind", "NOT_ONE_OF")
	v.Add("department_code", "TOO_LONG", "max", 20)
	err := v.Err()
	require.True(t, errs.Is(err, errs.KindInvalid))
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, []errs.FieldViolation{
		{Field: "department_code", Reason: "TOO_LONG", Args: []any{"max", 20}},
		{Field: "title.ko", Reason: "REQUIRED"},
	}, e.Violations)
}

func TestKindSurvivesWrapping(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("loading: %w", errs.NotFound("ITEM_NOT_FOUND", "id", 7))
	require.Equal(t, errs.KindNotFound, errs.KindOf(err))
	require.Equal(t, errs.KindInternal, errs.KindOf(errors.New("boom")))
	var none errs.Violations
	require.NoError(t, none.Err())
}

func TestNestNamesTheFullPath(t *testing.T) {
	t.Parallel()
	var v errs.Violations
	v.Add("phone", "PHONE")
	err := errs.Nest(v.Err(), "contact")
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "contact.phone", e.Violations[0].Field)
	plain := errs.NotFound("NOT_FOUND")
	require.Same(t, plain, errs.Nest(plain, "contact"))
}
