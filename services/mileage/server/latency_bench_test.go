package server_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/messaging"
)

// BenchmarkEventToPointsLatency publishes seoul.board.post.created as the
// board's relay would and waits until the points are credited (committed
// in the ledger), reporting p50 and p99 of that latency.
func BenchmarkEventToPointsLatency(b *testing.B) {
	s := start(b)
	ctx := context.Background()
	if _, err := messaging.EnsureStream(ctx, s.JS, "board", 1); err != nil {
		b.Fatal(err)
	}
	// Warm up: the consumer attaches to the stream once it exists.
	publishPost(ctx, b, s, fmt.Sprintf("lat-warmup-%d", b.N), fmt.Sprintf("lat-warmup-%d", b.N))
	for !credited(ctx, b, s, fmt.Sprintf("lat-warmup-%d", b.N)) {
		time.Sleep(time.Millisecond)
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		subject := fmt.Sprintf("lat-%d-%d", b.N, i)
		begin := time.Now()
		publishPost(ctx, b, s, fmt.Sprintf("lat-evt-%d-%d", b.N, i), subject)
		for !credited(ctx, b, s, subject) {
			time.Sleep(200 * time.Microsecond)
		}
		lat = append(lat, time.Since(begin))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.Logf("slowest: %v", lat[max(0, len(lat)-5):])
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*99/100)]), "p99-ms")
}

func publishPost(ctx context.Context, b *testing.B, s *suite, eventID, subject string) {
	data, err := proto.Marshal(&boardv1.PostCreated{PostId: eventID, BoardId: "b1", AuthorSubject: subject,
		OccurredAt: timestamppb.Now()})
	if err != nil {
		b.Fatal(err)
	}
	m := nats.NewMsg("seoul.board.post.created")
	m.Data = data
	m.Header.Set(messaging.HeaderEventType, "seoul.board.v1.PostCreated")
	if _, err := s.JS.PublishMsg(ctx, m, jetstream.WithMsgID(eventID)); err != nil {
		b.Fatal(err)
	}
}

func credited(ctx context.Context, b *testing.B, s *suite, subject string) bool {
	var n int64
	err := s.Pool.QueryRow(ctx, `SELECT coalesce((SELECT balance FROM accounts WHERE code = $1), 0)`, "citizen:"+subject).Scan(&n)
	if err != nil {
		b.Fatal(err)
	}
	return n > 0
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
