package domain

import (
	"fmt"

	"github.com/seoul-gov/homepage/platform/localized"
)

// The catalogue of the nine grounds in the four languages of A2: a
// tombstone's notice and the ground's title are written once per language
// here, so a reader of English, Chinese or Japanese gets a removal's
// reason in their language (the moderator's own explanation is free text,
// translated only when the moderator gives translations).

// noticeFormats are the tombstone statement, e.g. 「조례 제5조 제6호에 따라
// 삭제」, by language; %d is the item of Article 5.
var noticeFormats = map[string]string{
	"ko":      "「조례 제5조 제%d호에 따라 삭제」",
	"en":      "“Removed under Article 5, item %d of the Ordinance”",
	"zh-Hans": "「依据条例第5条第%d项删除」",
	"ja":      "「条例第5条第%d号により削除」",
}

// groundTitles say what each ground covers, by language.
var groundTitles = map[Ground]map[string]string{
	"A5.1": {"ko": "국가 안전을 해치거나 보안 관련 법령을 위반하는 내용",
		"en":      "Endangers national security or violates security laws",
		"zh-Hans": "危害国家安全或违反安全相关法律的内容", "ja": "国家の安全を害し、または保安関連法令に違反する内容"},
	"A5.2": {"ko": "정치적 목적이 있는 내용", "en": "Has a political purpose",
		"zh-Hans": "具有政治目的的内容", "ja": "政治的な目的を持つ内容"},
	"A5.3": {"ko": "특정 기관·단체·행정기관을 근거 없이 비방하는 내용",
		"en":      "Groundlessly slanders a specific institution, organisation or administrative agency",
		"zh-Hans": "无根据地诽谤特定机关、团体或行政机关的内容", "ja": "特定の機関・団体・行政機関を根拠なく誹謗する内容"},
	"A5.4": {"ko": "특정인을 비방하거나 명예를 훼손할 우려가 있는 내용",
		"en":      "Slanders a specific person or risks defaming them",
		"zh-Hans": "诽谤特定个人或可能损害其名誉的内容", "ja": "特定の個人を誹謗し、または名誉を毀損するおそれのある内容"},
	"A5.5": {"ko": "영리 목적의 상업 광고이거나 저작권을 침해할 우려가 있는 내용",
		"en":      "Commercial advertising for profit, or may infringe copyright",
		"zh-Hans": "以营利为目的的商业广告或可能侵犯著作权的内容", "ja": "営利目的の商業広告、または著作権を侵害するおそれのある内容"},
	"A5.6": {"ko": "욕설, 음란물 등 불건전한 내용", "en": "Profanity, obscenity or other unwholesome content",
		"zh-Hans": "辱骂、淫秽等不健康的内容", "ja": "悪口・わいせつなど不健全な内容"},
	"A5.7": {"ko": "실명 게시판에 실명을 쓰지 않았거나 실명이 거짓으로 밝혀진 글",
		"en":      "Posted without a real name on a board that requires one, or the name proved false",
		"zh-Hans": "在实名留言板上未使用实名或实名被证实为虚假", "ja": "実名掲示板で実名を使わなかった、または実名が虚偽と判明した投稿"},
	"A5.8": {"ko": "같은 사람(또는 같은 사람으로 인정되는 사람)이 같거나 비슷한 내용을 되풀이해 올린 글",
		"en":      "The same person (or someone recognised as the same person) repeatedly posts the same or similar content",
		"zh-Hans": "同一人(或被认定为同一人者)反复发布相同或相似的内容", "ja": "同一人(または同一人と認められる者)が同一または類似の内容を繰り返し投稿したもの"},
	"A5.9": {"ko": "그 밖에 공익을 해치거나 게시판의 목적에 맞지 않는 내용",
		"en":      "Otherwise harms the public interest or does not fit the board's purpose",
		"zh-Hans": "其他损害公共利益或不符合留言板宗旨的内容", "ja": "その他公益を害し、または掲示板の目的に合わない内容"},
}

// catalogued is a text of the catalogue: every language current.
func catalogued(texts map[string]string) localized.Text {
	t := localized.Text{Texts: map[string]string{}, Revision: 1, BasedOn: map[string]int{}}
	for lang, s := range texts {
		t.Texts[lang] = s
		if lang != localized.Reference {
			t.BasedOn[lang] = 1
		}
	}
	return t
}

// NoticeText is the tombstone statement in every language of the
// catalogue (empty without a ground); its Korean text is Notice.
func (g Ground) NoticeText() localized.Text {
	if g == "" {
		return localized.Text{}
	}
	texts := map[string]string{}
	for lang, f := range noticeFormats {
		texts[lang] = fmt.Sprintf(f, g.Item())
	}
	return catalogued(texts)
}

// TitleText is what the ground covers in every language of the catalogue
// (empty without a ground).
func (g Ground) TitleText() localized.Text {
	if g == "" {
		return localized.Text{}
	}
	return catalogued(groundTitles[g])
}
