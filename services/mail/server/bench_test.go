package server_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/seoul-gov/homepage/services/mail/server"
)

// BenchmarkNoticeDelivery: complaint events → notices accepted by the
// local SMTP server (Mailpit), each address revealed from the real vault.
// Reports notices/s and the event → accepted-by-SMTP latency (p50, p99),
// measured from the moment the event was published to accepted_at. At
// least 300 events go out whatever b.N is: with the handful a default
// one-second run picks, the figure would be the consumer's first fetch,
// not the throughput.
func BenchmarkNoticeDelivery(b *testing.B) {
	f := start(b, func(c *server.Config) { c.Workers = 4 })
	f.storeEmail(b, "bench-citizen", "bench@example.kr")
	n := max(b.N, 300)
	published := make([]time.Time, n)
	b.ResetTimer()
	start := time.Now()
	for i := range n {
		published[i] = time.Now()
		f.publish(b, "petition", "seoul.petition.complaint.received", fmt.Sprintf("bench-%d", i),
			complaintEvent(fmt.Sprintf("bench-c-%d", i), fmt.Sprintf("2026-%06d", i), "bench-citizen"))
	}
	// Polled without servicetest.Eventually's 30 s limit: a large b.N
	// takes longer than that to deliver.
	for deadline := time.Now().Add(10 * time.Minute); f.count(b, `SELECT count(*) FROM notices WHERE status = 'accepted'`) < n; {
		if time.Now().After(deadline) {
			b.Fatal("notices not all accepted within 10 minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	lat := make([]float64, 0, n)
	rows, err := f.env.Pool.Query(context.Background(), `SELECT source_id, accepted_at FROM notices`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id string
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			b.Fatal(err)
		}
		var i int
		fmt.Sscanf(id, "bench-c-%d", &i)
		lat = append(lat, float64(at.Sub(published[i]).Microseconds())/1000)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(n)/elapsed.Seconds(), "notices/s")
	b.ReportMetric(lat[len(lat)/2], "p50-ms")
	b.ReportMetric(lat[len(lat)*99/100], "p99-ms")
}
