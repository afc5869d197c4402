package edge_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/seoul-gov/homepage/gateway/internal/edge"
)

// BenchmarkEdgeGetDepartments measures GET /v1/departments through the
// whole edge (middleware, grpc-gateway, a real gRPC call over loopback to
// an in-process upstream). Compare with BenchmarkBareHTTP for the edge's
// overhead.
func BenchmarkEdgeGetDepartments(b *testing.B) {
	e := newEnv(b, unlimited)
	req := httptest.NewRequest(http.MethodGet, "/v1/departments", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkEdgeCachedGetDepartments is BenchmarkEdgeGetDepartments
// answered from the edge cache: the whole middleware chain, no upstream
// call.
func BenchmarkEdgeCachedGetDepartments(b *testing.B) {
	e, _ := newCachingEnv(b, unlimited)
	req := httptest.NewRequest(http.MethodGet, "/v1/departments", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("X-Cache") != "HIT" {
			b.Fatalf("status %d, X-Cache %q", rec.Code, rec.Header().Get("X-Cache"))
		}
	}
}

// unlimited lifts both rate limits: a benchmark is one client far over any
// sane limit; measure the limiters' cost, not their refusals.
func unlimited(c *edge.Config) {
	c.RateLimitRPS, c.RateLimitBurst, c.AddressRateLimitRPS, c.AddressRateLimitBurst = 1e9, 1e9, 1e9, 1e9
}

type department struct {
	Code   string `json:"code"`
	NameKo string `json:"name_ko"`
	NameEn string `json:"name_en"`
}

// BenchmarkBareHTTP is the floor: a minimal net/http handler encoding the
// same JSON document.
func BenchmarkBareHTTP(b *testing.B) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string][]department{"departments": {
			{Code: "D100", NameKo: "기획조정실", NameEn: "Planning and Coordination Office"},
		}})
	})
	req := httptest.NewRequest(http.MethodGet, "/v1/departments", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
