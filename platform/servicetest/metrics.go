package servicetest

import (
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/metrics"
)

// Metric reads a counter or gauge from the process's registry (what
// /metrics serves): the sum over its series whose labels include labels
// (name, value pairs), 0 if there is none. The registry is process-wide:
// read it from tests that do not run in parallel with others that touch
// the same metric.
func Metric(t testing.TB, name string, labels ...string) float64 {
	t.Helper()
	require.Zero(t, len(labels)%2, "labels come in name, value pairs")
	families, err := metrics.Registry.Gather()
	require.NoError(t, err)
	total := 0.0
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if hasLabels(m.GetLabel(), labels) {
				total += m.GetCounter().GetValue() + m.GetGauge().GetValue()
			}
		}
	}
	return total
}

func hasLabels(have []*dto.LabelPair, want []string) bool {
	for i := 0; i < len(want); i += 2 {
		found := false
		for _, l := range have {
			if l.GetName() == want[i] && l.GetValue() == want[i+1] {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}
