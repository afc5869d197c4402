package server_test

import (
	"fmt"
	"testing"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
)

// BenchmarkCreatePostWithScreening measures a post's creation through gRPC
// on real PostgreSQL with screening on: word matching, advertising and
// personal data, the author's repeat check (A5.8) over a growing history,
// flags and queue case, and the outbox event.
func BenchmarkCreatePostWithScreening(b *testing.B) {
	f := start(b)
	board := f.board(b)
	ctx := f.as(b, servicetest.Citizen("bench-author"))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		_, err := f.api.CreatePost(ctx, &boardv1.CreatePostRequest{BoardId: board.GetId(), Title: "제안",
			Body: fmt.Sprintf("제안 번호 %d: 버스 정류장 %d곳에 그늘막과 의자를 설치해 주세요. 문의 010-1234-%04d", i, i*31, i%10000)})
		if err != nil {
			b.Fatal(err)
		}
	}
}
