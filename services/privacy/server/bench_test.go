package server_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/privacy/server"
)

// BenchmarkStore measures StorePersonalData throughput through the real
// gRPC service on real PostgreSQL: a new subject per call (data key
// generated and wrapped, three fields sealed, blind index, access-log
// append), callers in parallel. A privacy officer stores for a
// rectification case, so one token serves every subject.
func BenchmarkStore(b *testing.B) {
	f := start(b, server.TestConfig())
	ctx := f.as(b, servicetest.PrivacyOfficer("bench-po"))
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := fmt.Sprintf("bench-%d", n.Add(1))
			_, err := f.c.StorePersonalData(ctx, &privacyv1.StorePersonalDataRequest{SubjectId: id, Purpose: "complaint",
				CaseReference: "bench-rectification",
				Fields:        fields("name", "홍길동", "phone", "010-1234-5678", "email", "hong@example.com")})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

// BenchmarkReveal measures RevealPersonalData throughput: an official
// revealing a complainant's phone (grant lookup, rule check, key unwrap,
// decrypt, hash-chained access-log append), callers in parallel.
func BenchmarkReveal(b *testing.B) {
	f := start(b, server.TestConfig())
	const subjects = 64
	tokens := make([]string, subjects)
	for i := range tokens {
		subject := fmt.Sprintf("bench-r-%d", i)
		tokens[i] = f.store(b, subject, "phone", "010-1234-5678")["phone"]
		f.assign(b, fmt.Sprintf("bench-case-%d", i), "SMG-CIVIL", subject)
	}
	ctx := f.as(b, servicetest.Official("bench-official", "SMG-CIVIL"))
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1) % subjects
			_, err := f.c.RevealPersonalData(ctx, &privacyv1.RevealPersonalDataRequest{Tokens: []string{tokens[i]},
				Purpose: "complaint_handling", CaseReference: fmt.Sprintf("bench-case-%d", i)})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}
