package screening

import (
	"strings"
	"testing"
)

// benchPost is a realistic civic post of about 600 characters with a
// disguised insult, a link and a phone number, so every detector works.
var benchPost = strings.Repeat("광화문 광장 주변 자전거 도로를 넓혀 주세요. 출퇴근 시간에 너무 위험합니다. ", 8) +
	"담당 부서는 ㅅㅣ발 뭐하는 겁니까? 자세한 내용은 https://example.com/a 010-1234-5678 로 연락 주세요."

// BenchmarkScreen measures the screening cost per post (pure function).
func BenchmarkScreen(b *testing.B) {
	s := screener(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchPost)))
	for b.Loop() {
		_ = s.Screen("자전거 도로 확충 제안", benchPost)
	}
}

// BenchmarkDuplicateCheck measures comparing a post with 50 recent ones.
func BenchmarkDuplicateCheck(b *testing.B) {
	prior := make([]Prior, 50)
	for i := range prior {
		prior[i] = Prior{ID: "p", Canonical: Canonical(benchPost[i:])}
	}
	c := Canonical(benchPost + "추가")
	b.ReportAllocs()
	for b.Loop() {
		_ = CheckDuplicates(c, prior, 0.6, 10)
	}
}
