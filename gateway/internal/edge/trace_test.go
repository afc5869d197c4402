package edge_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

// A client's trace context reaches the service it calls through the edge,
// with or without a collector (the edge starts its span bare without one).
func TestEdgeCarriesTheClientsTraceToTheUpstream(t *testing.T) {
	otel.SetTextMapPropagator(propagation.TraceContext{})
	e := newEnv(t)
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	rec := e.do(http.MethodGet, "/v1/departments", "", "Traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	_, md := e.content.last()
	require.Len(t, md.Get("traceparent"), 1)
	require.Contains(t, md.Get("traceparent")[0], traceID)
}
