package enummap_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/enummap"
)

type status string

func TestMapsBothWays(t *testing.T) {
	t.Parallel()
	m := enummap.New(map[status]int32{"open": 1, "closed": 2})
	require.Equal(t, int32(2), m.To("closed"))
	require.Equal(t, int32(0), m.To("unknown"), "unknown domain values map to UNSPECIFIED")
	got, ok := m.From(1)
	require.True(t, ok)
	require.Equal(t, status("open"), got)
	_, ok = m.From(9)
	require.False(t, ok)
}

func TestTwoValuesOnOneWireValuePanics(t *testing.T) {
	t.Parallel()
	require.Panics(t, func() { enummap.New(map[status]int32{"open": 1, "reopened": 1}) })
}
