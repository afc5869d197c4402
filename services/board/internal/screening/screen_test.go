package screening

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/personaldata"
)

func screener(t testing.TB) *Screener {
	t.Helper()
	s, err := New()
	require.NoError(t, err)
	return s
}

func finding(r Result, detector string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.Detector == detector {
			return f, true
		}
	}
	return Finding{}, false
}

// A5.6: Korean evasions of profanity are caught — spacing, symbols, digits,
// zero-width characters, split jamo, consonant abbreviations, look-alikes,
// full-width letters and Latin typed on a Korean keyboard.
func TestProfanityEvasionsA5_6(t *testing.T) {
	t.Parallel()
	s := screener(t)
	cases := map[string]string{
		"plain":               "이 정책은 시발 뭐하는 겁니까",
		"tense consonant":     "씨발 진짜",
		"spacing":             "시 발 이게 뭡니까",
		"digit inserted":      "시1발",
		"symbol inserted":     "씨@발 뭐냐",
		"several symbols":     "씨.-.발",
		"zero-width space":    "시\u200b발",
		"split jamo":          "ㅅㅣ발 진짜",
		"all jamo":            "ㅅㅣㅂㅏㄹ",
		"conjoining jamo":     "\u1109\u1175\u1107\u1161\u11af",
		"consonants only":     "아 ㅅㅂ 또 공사네",
		"l for vowel":         "ㅅl발",
		"insult spaced":       "개 새 끼 들",
		"insult with digit":   "병1신 같은 행정",
		"abbreviation":        "ㅂㅅ같은 행정",
		"keyboard latin":      "tlqkf 진짜",
		"romanised":           "ssibal",
		"full-width latin":    "ｓｉｂａｌ",
		"cyrillic look-alike": "ѕhit happens",
		"obscenity":           "야 동 공유합니다",
		"tense jamo split":    "ㅆㅣ발",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, ok := finding(s.Screen("", text), DetectorProfanity)
			require.True(t, ok, "not caught: %q", text)
			require.Equal(t, "A5.6", f.Ground)
			require.GreaterOrEqual(t, f.Score, 0.5)
			require.NotEmpty(t, f.Evidence)
		})
	}
}

// A5.6: ordinary civic text is not flagged even though folding drops
// spaces and decomposes syllables (서울시 발표 reads 시발 without the
// word-boundary rule; 갓바위 holds ㅅㅂ once decomposed).
func TestProfanityNoFalsePositivesA5_6(t *testing.T) {
	t.Parallel()
	s := screener(t)
	clean := []string{
		"서울시 발표에 따르면 내년부터 버스 요금이 조정됩니다.",
		"시발점부터 다시 생각해 봅시다.",
		"주말에 갓바위에 다녀왔습니다.",
		"어제는 잠을 자지 않고 민원을 정리했습니다.",
		"영화를 보지 못해서 아쉬웠습니다.",
		"시장님 등신대 앞에서 사진을 찍었어요.",
		"I think the new park is wonderful, thanks to everyone.",
		"청계천 산책로 조명을 밝게 해 주세요. 밤에는 어둡습니다.",
	}
	for _, text := range clean {
		r := s.Screen("제안", text)
		_, ok := finding(r, DetectorProfanity)
		require.False(t, ok, "false positive on %q: %+v", text, r.Findings)
	}
}

func TestDisguisedWordScoresHigher(t *testing.T) {
	t.Parallel()
	s := screener(t)
	plain, ok := finding(s.Screen("", "병신"), DetectorProfanity)
	require.True(t, ok, "the plain word is found")
	disguised, ok := finding(s.Screen("", "병 1 신"), DetectorProfanity)
	require.True(t, ok, "the disguised word is found")
	require.Greater(t, disguised.Score, plain.Score)
	require.Contains(t, disguised.Evidence, "(변형)")
}

// A5.5: links, phone numbers and ad phrases add up to an advertising flag;
// a link to a government site alone does not.
func TestAdvertisingA5_5(t *testing.T) {
	t.Parallel()
	s := screener(t)
	cases := []struct {
		name, text string
		flagged    bool
	}{
		{"link phone phrase", "무료상담 카톡문의 http://cheap-loans.example.com 010-1234-5678", true},
		{"phrases only", "고수익 재택부업 지금바로 클릭하세요", true},
		{"bare domain and phrase", "최저가 특가 best-deal.shop 방문", true},
		{"business number and phrase", "당일대출 1588-1234", true},
		{"spaced phrase", "무 료 상 담 받으세요 bit.ly/xyz", true},
		{"government link", "자세한 내용은 https://news.seoul.go.kr/traffic 를 참고하세요", false},
		{"sale with a phone", "부동산 급매 문의 환영 010-3333-4444", true},
		{"ordinary", "따릉이 대여소를 늘려 주세요", false},
		{"an office's number", "주민센터 02-2133-1234 번으로 문의하니 담당자가 없다고 합니다", false},
		{"a price in a complaint", "따릉이 정기권 가격이 올랐네요 3만원", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f, ok := finding(s.Screen("", c.text), DetectorAdvertising)
			require.Equal(t, c.flagged, ok, "%q: %+v", c.text, f)
			if ok {
				require.Equal(t, "A5.5", f.Ground)
				require.NotContains(t, f.Evidence, "1234-5678", "evidence must be masked")
			}
		})
	}
}

// Personal data in posts is masked before storage and flagged (A10.1).
func TestPersonalDataMasked(t *testing.T) {
	t.Parallel()
	s := screener(t)
	r := s.Screen("연락 주세요 010-9876-5432", "제 주민번호는 900101-1234567 이고 집은 02 123 4567 입니다")
	require.True(t, r.PersonalDataMasked)
	require.Equal(t, "연락 주세요 010-****-5432", r.Title)
	require.Contains(t, r.Body, "******-*******")
	require.NotContains(t, r.Body, "1234567")
	require.Contains(t, r.Body, "02-***-4567")
	require.Equal(t, []personaldata.Kind{personaldata.ResidentRegistrationNumber, personaldata.PhoneNumber}, r.PersonalDataKinds)
	f, ok := finding(r, DetectorPersonalData)
	require.True(t, ok)
	require.Equal(t, 1.0, f.Score)
	require.NotContains(t, f.Evidence, "9876")
	require.Contains(t, f.Evidence, "전화번호 2건 가림: 010-****-5432, 02-***-4567")

	// Contact details alone score lower than identifying numbers.
	r = s.Screen("", "메일 bimil.cha@example.org, 집 비밀로 77, 101동 1203호")
	require.Equal(t, "메일 b***@example.org, 집 비밀로 ***", r.Body)
	f, ok = finding(r, DetectorPersonalData)
	require.True(t, ok)
	require.Equal(t, 0.7, f.Score)

	for _, clean := range []string{"주문번호 12345678901234", "2024년 3월 5일 회의", "991399-1234567"} {
		r := s.Screen("", clean)
		require.False(t, r.PersonalDataMasked, clean)
		require.Equal(t, clean, r.Body)
	}
}

// A5.8: repeats are recognised through spacing and punctuation changes;
// small edits are near-duplicates; different texts and short agreement
// comments are not.
func TestDuplicatesA5_8(t *testing.T) {
	t.Parallel()
	base := "광화문 광장 주변 자전거 도로를 넓혀 주세요. 출퇴근 시간에 너무 위험합니다."
	prior := []Prior{{ID: "p1", Canonical: Canonical(base)}, {ID: "p2", Canonical: Canonical("한강 공원 쓰레기통을 늘려 주세요")}}
	cases := []struct {
		name, text string
		exact      string
		near       bool
	}{
		{"identical", base, "p1", false},
		{"respaced and punctuated", "광화문광장 주변 자전거도로를 넓혀주세요!!! 출퇴근시간에 너무 위험합니다", "p1", false},
		{"zero-width and full-width", "광화문\u200b광장 주변 자전거 도로를 넓혀 주세요． 출퇴근 시간에 너무 위험합니다", "p1", false},
		{"one word changed", "광화문 광장 주변 자전거 도로를 넓혀 주세요. 출근 시간에 너무 위험합니다.", "", true},
		{"sentence added", base + " 부탁드립니다.", "", true},
		{"different", "남산 둘레길에 벤치를 더 설치해 주시면 좋겠습니다.", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := CheckDuplicates(Canonical(c.text), prior, 0.6, 10)
			require.Equal(t, c.exact, got.Exact)
			require.Equal(t, c.near, len(got.Near) > 0, "%+v", got)
		})
	}
	short := CheckDuplicates(Canonical("동의합니다"), []Prior{{ID: "c1", Canonical: Canonical("동의합니다")}}, 0.6, 10)
	require.Empty(t, short.Exact)
}

func TestNearDuplicateFinding(t *testing.T) {
	t.Parallel()
	f, ok := NearDuplicateFinding(DuplicateCheck{Near: []Similar{{ID: "x", Similarity: 0.8}}}, func(string) string { return "post" })
	require.True(t, ok)
	require.Equal(t, "A5.8", f.Ground)
	require.InDelta(t, 0.8, f.Score, 1e-9)
	require.True(t, strings.Contains(f.Evidence, "게시글 x와 80% 유사"))
}

func TestWordListParses(t *testing.T) {
	t.Parallel()
	lx, err := parseWords(wordList)
	require.NoError(t, err)
	require.NotEmpty(t, lx.words)
	require.NotEmpty(t, lx.allow)
	_, err = parseWords("profanity\tA5.6\tx\t시발")
	require.Error(t, err)
}

// Moderators read evidence in Korean: every kind of personal data the
// detector knows has its Korean name.
func TestEveryPersonalDataKindHasAKoreanName(t *testing.T) {
	for _, k := range personaldata.AllKinds {
		require.NotEmpty(t, kindNames[k], "kind %s", k)
	}
}
