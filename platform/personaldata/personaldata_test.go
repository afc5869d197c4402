package personaldata_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/personaldata"
)

// A10.1: each kind is masked the documented way, and the rest of the text
// is left as it was.
func TestMasksA10_1(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"주민번호 850315-1234561 확인", "주민번호 ******-******* 확인"},
		{"외국인등록번호 8503155234569", "외국인등록번호 ******-*******"},
		{"연락처 010 1234 5678 입니다", "연락처 010-****-5678 입니다"},
		{"+82 10-2468-1357", "010-****-1357"},
		{"(02) 2133-4567", "02-****-4567"},
		{"0505-123-4567", "0505-***-4567"},
		{"bimil.cha@example.org 로", "b***@example.org 로"},
		{"카드 4532-0123-4567-8902", "카드 ****-****-****-8902"},
		{"신한 110-123-456789", "신한 ***-***-**6789"},
		{"계좌번호 12345678901234", "계좌번호 **********1234"},
		{"여권 M12345678", "여권 M********"},
		{"M123A4567", "M********"},
		{"면허 11-12-345678-90", "면허 **-**-******-**"},
		{"면허 서울 12-345678-90", "면허 서울 **-******-**"},
		{"서울특별시 종로구 비밀로 77, 101동 1203호로", "서울특별시 종로구 비밀로 ***로"},
		{"래미안아파트 101동 1203호", "래미안아파트 ***"},
		{"101동 1203호", "***"},
		// written out to get past a screen (spelled.go)
		{"공일공 일이삼사 오육칠팔 로 연락 주세요", "010-****-5678 로 연락 주세요"},
		{"010 일이삼사 5678이에요", "010-****-5678이에요"},
		{"영일영-구팔칠육-오사삼이", "010-****-5432"},
		{"메일 hong at naver dot com 으로", "메일 h***@naver.com 으로"},
		{"kim.minsu(at)daum(dot)net", "k***@daum.net"},
		{"minwon 골뱅이 seoul 닷 go 닷 kr", "m***@seoul.go.kr"},
		{"카뱅 3333011234567 로 보내줘", "카뱅 *********4567 로 보내줘"},
		{"래미안 101-1203 으로 배달", "래미안 *** 으로 배달"},
		// a registration number in words leaves no digit of it behind
		{"주민 번호 구공공일공일-일이삼사오육팔 입니다", "주민 번호 ******-******* 입니다"},
		// dashes pasted from a document or typed on a phone
		{"연락처 010—1234—5678", "연락처 010-****-5678"},
		{"휴대폰 010‐9876‐5432 로", "휴대폰 010-****-5432 로"},
		{"주민번호 900101 − 1234568", "주민번호 ******-*******"},
		{"불법주차 12가 3456 신고", "불법주차 12가 **** 신고"},
		// names where the text introduces or signs one
		{"이름: 홍길동, 연락 바랍니다", "이름: 홍*동, 연락 바랍니다"},
		{"저는 홍길동입니다.", "저는 홍*동입니다."},
		{"감사합니다. 남궁민수 올림", "감사합니다. 남**수 올림"},
	}
	for _, c := range cases {
		r := personaldata.Mask(c.in)
		require.Equal(t, c.want, r.Text, c.in)
		require.True(t, r.Masked(), c.in)
	}
}

// A10.1: a name the author gave in a form beside the text (a complaint's
// contact) is masked wherever the text has it, not only where the text
// introduces it; short or empty names are ignored.
func TestKnownNamesAreMaskedAnywhere(t *testing.T) {
	t.Parallel()
	text := "저는 망원동에 사는 최지은입니다. 최지은의 아이가 다쳤습니다."
	r := personaldata.MaskKnowing(text, "최지은", " ", "최")
	require.Equal(t, "저는 망원동에 사는 최*은입니다. 최*은의 아이가 다쳤습니다.", r.Text)
	require.Equal(t, []personaldata.Kind{personaldata.PersonName}, r.Kinds())
	require.Equal(t, text, personaldata.Mask(text).Text, "without the name, this context is not one")

	s := personaldata.Screening{Known: []string{"홍길"}}
	require.Equal(t, "홍* 010-****-5678", s.Mask("홍길 010-1234-5678"))
	require.Equal(t, []personaldata.Kind{personaldata.PhoneNumber, personaldata.PersonName}, s.Kinds())
}

// Dashes that are prose, not a number's separators, stay as written.
func TestDashesOutsideNumbersStay(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"서울시 — 공지 ‐ 안내", "민원 — 010 안내", "2026년 ― 끝"} {
		r := personaldata.Mask(text)
		require.Equal(t, text, r.Text)
		require.False(t, r.Masked(), text)
	}
}

// Masking is idempotent: a masked text holds nothing more to mask, so a
// migration may screen a row twice.
func TestMaskingTwiceChangesNothing(t *testing.T) {
	t.Parallel()
	text := "주민번호 850315-1234561, 010-3141-5926, bimil.cha@example.org, 카드 4532-0123-4567-8902, " +
		"신한 110-123-456789, 여권 M12345678, 면허 11-12-345678-90, 비밀로 77, 101동 1203호"
	once := personaldata.Mask(text)
	require.Len(t, once.Findings, 8)
	twice := personaldata.Mask(once.Text)
	require.False(t, twice.Masked(), "%q → %+v", once.Text, twice.Findings)
	require.Equal(t, once.Text, twice.Text)
}

// Findings carry offsets into the screened text, and Kinds lists each kind
// once in priority order.
func TestFindingsAndKinds(t *testing.T) {
	t.Parallel()
	text := "전화 02-123-4567, 또 010-9876-5432, 메일 a@b.co"
	r := personaldata.Mask(text)
	require.Len(t, r.Findings, 3)
	require.Equal(t, "02-123-4567", text[r.Findings[0].Start:r.Findings[0].End])
	require.Equal(t, "010-9876-5432", text[r.Findings[1].Start:r.Findings[1].End])
	require.Equal(t, []personaldata.Kind{personaldata.EmailAddress, personaldata.PhoneNumber}, r.Kinds())
	require.Equal(t, []string{"email_address", "phone_number"}, personaldata.Names(r.Kinds()))
}

// Clean text comes back unchanged and unflagged.
func TestCleanTextUnchanged(t *testing.T) {
	t.Parallel()
	text := "시청역 앞 횡단보도 보행 신호가 너무 짧습니다. 2026년 3월 15일부터 1,200원."
	r := personaldata.Mask(text)
	require.False(t, r.Masked())
	require.Equal(t, text, r.Text)
	require.Empty(t, r.Kinds())
}

// A Screening gathers the kinds of several texts of one resource.
func TestScreeningCollectsKinds(t *testing.T) {
	t.Parallel()
	var s personaldata.Screening
	require.Equal(t, "보도 파손", s.Mask("보도 파손"))
	require.False(t, s.Masked())
	require.Equal(t, "연락 010-****-5678", s.Mask("연락 010-1234-5678"))
	require.Equal(t, "비밀로 ***", s.Mask("비밀로 77 1203호"))
	s.Mask("또 010-2222-3333")
	require.True(t, s.Masked())
	require.Equal(t, []personaldata.Kind{personaldata.PhoneNumber, personaldata.StreetAddress}, s.Kinds())
}

func BenchmarkMask(b *testing.B) {
	text := strings.Repeat("시청역 앞 횡단보도 보행 신호가 너무 짧습니다. 2026년 3월 15일 접수번호 2026-1234567. ", 8) +
		"연락은 010-7319-4682, bimil.cha@example.org, 비밀로 77, 101동 1203호"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		personaldata.Mask(text)
	}
}
