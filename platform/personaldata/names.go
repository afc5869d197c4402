package personaldata

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// A name alone looks like any other word, so a name is found only where
// the text says a name follows or ends it — "이름: 홍길동", "제 이름은
// 홍길동입니다", "저는 홍길동입니다", "홍길동 드림" — and only when it reads as
// a Korean name: a common surname and a given name of two syllables (or a
// compound surname and one or two), not a listed word (공무원, 강남구). A
// name written elsewhere in a text is a known limit (README.md).

// nameContexts are the ways a name is introduced or signed; the run of
// Hangul after (or before) them is the candidate, with any particle that
// follows it (홍길동입니다).
var nameContexts = []nameContext{
	// 이름: 홍길동, 성명 : 홍길동, 작성자: 홍길동, 예금주: 홍길동
	{re: regexp.MustCompile(`(?:이름|성명|성함|작성자|신청인|민원인|신고인|보호자|대리인|예금주)\s*[:：]\s*([가-힣]+)`)},
	// 제 이름은 홍길동입니다, 성함은 홍길동
	{re: regexp.MustCompile(`(?:이름|성함|성명)(?:은|는)\s+([가-힣]+)`)},
	// 저는 홍길동입니다, 저는 홍길동이라고 합니다
	{re: regexp.MustCompile(`(?:^|[\s,.])저는\s+([가-힣]+)`), selfIntroduction: true},
	// 홍길동 드림, 홍길동 올림 (a letter's signature)
	{re: regexp.MustCompile(`(?:^|[\s,.])([가-힣]+)\s*(?:드림|올림)(?:$|[\s.!])`)},
}

// nameContext is one way a name is introduced or signed.
type nameContext struct {
	re *regexp.Regexp
	// selfIntroduction (저는 …) is how people say what they are as often as
	// who: a particle must follow the name (nameParticles) and a role's
	// ending rules it out (roleEndings).
	selfIntroduction bool
}

// nameWords are what introduces or signs a name, to skip texts without one.
var nameWords = []string{"이름", "성명", "성함", "작성자", "신청인", "민원인", "신고인", "보호자", "대리인", "예금주", "저는", "드림", "올림"}

// nameParticles may follow a name in the same run of Hangul, each listed
// before any it ends with. After 저는 one of them must be there: "저는 홍길동"
// alone is the start of a sentence, "저는 홍길동입니다" an introduction.
var nameParticles = []string{"입니다만", "입니다", "이라고", "라고", "이에요", "예요", "이고요", "이고", "이며", "이구요", "인데", "이요", "이야", "씨", "님", "이", "고"}

// surnames are the common single-syllable surnames (about 95 % of people);
// compoundSurnames the two-syllable ones.
var (
	surnames         = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위"
	compoundSurnames = []string{"남궁", "제갈", "황보", "선우", "독고", "사공", "서문"}
)

// notNames are words of a name's shape that follow the same contexts: roles
// (저는 공무원입니다), districts (저는 강남구민), and what one says of a name
// (이름은 공개하지, 성명: 미기재).
var notNames = []string{"공무원", "임산부", "임차인", "임대인", "한국인", "유학생", "유공자", "소방관", "소유자", "변호사",
	"선생님", "조합원", "장애인", "하숙생", "간호사", "경찰관", "정비사", "노동자", "노숙인", "노약자", "고령자", "고객님",
	"이주민", "이장님", "신입생", "신청자", "신고자", "민원인", "방문객", "배달원", "배송원", "양육자", "여행객", "연구원",
	"위원장", "진행자", "채무자", "구청장", "구의원", "주민들", "시민들", "구민들", "학부모", "운전자", "자영업",
	"강남구", "강동구", "강북구", "강서구", "구로구", "노원구", "도봉구", "마포구", "서대문", "서초구", "성동구", "성북구",
	"송파구", "양천구", "은평구", "중랑구", "용산구", "강남구민", "서울시", "서울시민",
	"소유주", "지역민", "원주민", "임원진", "한사람",
	"공개", "비공개", "기재", "미기재", "기입", "작성", "확인", "변경", "생략", "익명", "미상", "표시", "정보", "정확", "주소",
	"전화", "본인", "신청", "민원", "성명", "이름", "여기", "우리", "아래", "다음", "한글", "영문", "이번", "이미", "이제", "이상"}

// nameEndings are syllables a given name does not end in but a verb, a
// particle, a job, a group or an office does (공개해, 확인함, 조리사,
// 주방장, 이용객, 주최측, 유가족, 위원회, 홍보팀).
const nameEndings = "해했합함된될됨요음을를에의과와고며면게니다까죠든던는할한사장생관님꾼부직버모팀실청객측족회견"

// roleEndings end most of what people call themselves after 저는
// (이용자, 정치인, 전문가); a name rarely ends so, and one that does is
// still found in the other contexts.
const roleEndings = "자인가"

// personNames finds names in their contexts and masks them the way the
// privacy service masks a stored name: 홍*동, 남궁*수.
func personNames(in *input) []Finding {
	if !hasAny(in.text, nameWords) {
		return nil
	}
	var out []Finding
	for _, c := range nameContexts {
		for _, m := range c.re.FindAllStringSubmatchIndex(in.text, -1) {
			name, ok := nameIn(in.text[m[2]:m[3]], c.selfIntroduction)
			if ok && c.selfIntroduction {
				last, _ := utf8.DecodeLastRuneInString(name)
				ok = !strings.ContainsRune(roleEndings, last)
			}
			if ok {
				out = append(out, Finding{Kind: PersonName, Start: m[2], End: m[2] + len(name), Masked: MaskName(name)})
			}
		}
	}
	return out
}

// nameIn reads a name at the start of a run of Hangul, cutting off the
// first listed particle it ends in (the longer of two alike first, so
// 안전이라고 is 안전 and 이라고, never 안전이 and 라고); particle says
// one is required.
func nameIn(run string, particle bool) (string, bool) {
	for _, p := range nameParticles {
		if name, ok := strings.CutSuffix(run, p); ok {
			return name, isName(name)
		}
	}
	return run, !particle && isName(run)
}

func isName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 4 || slices.ContainsFunc(notNames, func(w string) bool { return strings.HasPrefix(s, w) }) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(nameEndings, last) {
		return false
	}
	if slices.ContainsFunc(compoundSurnames, func(c string) bool { return strings.HasPrefix(s, c) }) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(s)
	return n == 3 && strings.ContainsRune(surnames, first)
}

// knownNames finds each of names (of two letters or more) wherever text
// has it.
func knownNames(text string, names []string) []Finding {
	var out []Finding
	for _, n := range names {
		if n = strings.TrimSpace(n); utf8.RuneCountInString(n) < 2 {
			continue
		}
		for from := 0; ; {
			i := strings.Index(text[from:], n)
			if i < 0 {
				break
			}
			from += i + len(n)
			out = append(out, Finding{Kind: PersonName, Start: from - len(n), End: from, Masked: MaskName(n)})
		}
	}
	return out
}

// MaskName keeps the first and last letter of a name: 홍길동 → 홍*동,
// 남궁민수 → 남**수, 홍길 → 홍*. It is the suite's one name mask: the
// privacy service masks a stored name with it, so a name masked in free
// text reads the same as the contact beside it.
func MaskName(name string) string {
	r := []rune(name)
	switch len(r) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2:
		return string(r[0]) + "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}
