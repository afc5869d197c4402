package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
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

// BenchmarkRepeatCheckLongHistory measures a post's creation by an author
// with 5,000 texts in the last 30 days (A5.8): the index (GIN over the
// texts' LSH buckets) hands the check the few similar texts instead of all
// 5,000, so the cost stays close to that of a new author's post.
func BenchmarkRepeatCheckLongHistory(b *testing.B) {
	f := start(b)
	board := f.board(b)
	seedHistory(b, f, board.GetId(), "bench-prolific", 5000)
	ctx := f.as(b, servicetest.Citizen("bench-prolific"))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		_, err := f.api.CreatePost(ctx, &boardv1.CreatePostRequest{BoardId: board.GetId(), Title: "새 제안",
			Body: fmt.Sprintf("새 제안 %d: %d번 마을버스 노선을 %d번 정류장까지 연장해 주세요.", i, i*7, i*13)})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// historyText is the author's i-th earlier text: a civic request on one of
// many subjects, places and wishes, so texts differ as a real author's do
// while sharing the endings every request has.
func historyText(i int) string {
	places := []string{"광화문 광장", "한강 공원", "청계천", "남산 둘레길", "서울숲", "구립 도서관", "전통시장", "경로당", "초등학교 앞", "마을버스 정류장", "지하철역 출구", "어린이 놀이터"}
	things := []string{"가로등", "벤치", "쓰레기통", "자전거 거치대", "화장실", "안내판", "그늘막", "CCTV", "횡단보도", "배수구", "점자 블록", "음수대"}
	wishes := []string{"설치해 주세요", "수리해 주시기 바랍니다", "늘려 주시면 좋겠습니다", "점검 부탁드립니다", "교체를 요청합니다", "옮겨 주세요"}
	whys := []string{"밤에 너무 어둡습니다", "아이들이 위험합니다", "어르신들이 불편해하십니다", "주말마다 붐빕니다", "비가 오면 물이 고입니다", "관광객이 길을 헤맵니다"}
	p, t := places[i%len(places)], things[(i/len(places))%len(things)]
	return fmt.Sprintf("%s %s %s. %s. (%d번째 의견, 구역 %d)", p, t, wishes[(i/7)%len(wishes)], whys[(i/11)%len(whys)], i, i*37%1000)
}

// seedHistory writes n distinct texts of one author, indexed as the
// service would, spread over the last 29 days.
func seedHistory(b testing.TB, f fixture, boardID, author string, n int) {
	b.Helper()
	rows, index := make([][]any, n), [][]any{}
	now := time.Now()
	for i := range rows {
		id := uuid.Must(uuid.NewV7()).String()
		body := historyText(i)
		c := screening.Canonical(body)
		at := now.Add(-time.Duration(i) * 29 * 24 * time.Hour / time.Duration(n))
		rows[i] = []any{id, "post", boardID, id, author, "시민", id, "", body, c, "visible", true, false, at, at, true}
		for _, k := range screening.Buckets(author, c, 10) {
			index = append(index, []any{k, id})
		}
	}
	_, err := f.env.Pool.CopyFrom(b.Context(), pgx.Identifier{"items"}, []string{"id", "kind", "board_id", "post_id",
		"author_subject", "author_display", "request_id", "title", "body", "canonical", "status", "published",
		"personal_data_masked", "created_at", "updated_at", "lsh_indexed"}, pgx.CopyFromRows(rows))
	if err != nil {
		b.Fatal(err)
	}
	_, err = f.env.Pool.CopyFrom(b.Context(), pgx.Identifier{"item_buckets"}, []string{"bucket", "item_id"}, pgx.CopyFromRows(index))
	if err != nil {
		b.Fatal(err)
	}
	// Autovacuum would analyse the tables after such a load; the benchmark
	// cannot wait for it.
	if _, err := f.env.Pool.Exec(b.Context(), `ANALYZE items; ANALYZE item_buckets`); err != nil {
		b.Fatal(err)
	}
}
