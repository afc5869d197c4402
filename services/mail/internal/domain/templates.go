package domain

import (
	"slices"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/localized"
)

// Categories of notices; preferences are per category.
const (
	CategoryComplaint  = "complaint"  // a complainant's case (statutory)
	CategoryWork       = "work"       // officials' duties: assignments, deadlines, stale pages (statutory)
	CategoryModeration = "moderation" // removals and appeal outcomes (statutory)
	CategoryAccount    = "account"    // the e-mail ID itself (statutory)
	CategoryMileage    = "mileage"    // points expiring (optional)
	CategoryEvent      = "event"      // prizes won (optional)
)

// Template is a kind of notice: Korean first, English after it, in one
// message, the body as paragraphs that become both the text and the HTML
// part. Subjects and paragraphs are text/template strings over the
// notice's params; {{date .x}} formats a timestamp in Seoul time.
type Template struct {
	Name      string
	Category  string
	Statutory bool
	Params    []string
	// DescKo … DescJa describe the notice in Korean and its translations
	// (A2), made from the Korean text as it is.
	DescKo     string
	DescEn     string
	DescZh     string
	DescJa     string
	SubjectKo  string
	SubjectEn  string
	Ko, En     []string
	ForOfficer bool // addressed to a department's officials, not a citizen
}

var complaintParams = []string{"receipt_number", "due_at", "legal_basis"}

// Templates is the catalogue, in the order ListTemplates shows it.
var Templates = []Template{
	{Name: "complaint_received", Category: CategoryComplaint, Statutory: true, Params: complaintParams,
		DescKo: "민원 접수 안내", DescEn: "Complaint received", DescZh: "投诉受理通知", DescJa: "苦情（民願）受付のお知らせ",
		SubjectKo: "[서울시] 민원이 접수되었습니다 ({{.receipt_number}})", SubjectEn: "Your complaint was received",
		Ko: []string{"귀하의 민원이 접수되었습니다. 접수번호: {{.receipt_number}}",
			"처리기한: {{date .due_at}} (근거: {{.legal_basis}}).",
			"처리 상황은 서울시 홈페이지 민원 메뉴에서 접수번호로 확인할 수 있습니다."},
		En: []string{"Your complaint {{.receipt_number}} was received. It is due by {{date .due_at}} ({{.legal_basis}})."}},
	{Name: "complaint_transferred", Category: CategoryComplaint, Statutory: true, Params: append(slices.Clone(complaintParams), "transferred_to"),
		DescKo: "민원 이송 안내", DescEn: "Complaint transferred", DescZh: "投诉移送通知", DescJa: "苦情（民願）移送のお知らせ",
		SubjectKo: "[서울시] 민원이 이송되었습니다 ({{.receipt_number}})", SubjectEn: "Your complaint was transferred",
		Ko: []string{"접수번호 {{.receipt_number}} 민원이 {{.transferred_to}}(으)로 이송되었습니다.", "처리기한: {{date .due_at}}"},
		En: []string{"Your complaint {{.receipt_number}} was transferred to {{.transferred_to}}. Due by {{date .due_at}}."}},
	{Name: "complaint_extended", Category: CategoryComplaint, Statutory: true, Params: append(slices.Clone(complaintParams), "extension"),
		DescKo: "처리기간 연장 통지", DescEn: "Deadline extended", DescZh: "处理期限延长通知", DescJa: "処理期間延長の通知",
		SubjectKo: "[서울시] 민원 처리기간이 연장되었습니다 ({{.receipt_number}})", SubjectEn: "The deadline of your complaint was extended",
		Ko: []string{"접수번호 {{.receipt_number}} 민원의 처리기간이 연장되었습니다({{.extension}}).",
			"새 처리기한: {{date .due_at}}. 연장 사유는 홈페이지 민원 처리 현황에서 확인할 수 있습니다 (「민원 처리에 관한 법률」 제21조)."},
		En: []string{"The deadline of complaint {{.receipt_number}} was extended ({{.extension}}). New due date: {{date .due_at}}. The reason is shown with the complaint on the homepage."}},
	{Name: "complaint_progress", Category: CategoryComplaint, Statutory: true, Params: complaintParams,
		DescKo: "처리 진행상황 중간 통지", DescEn: "Interim progress notice", DescZh: "处理进展中间通知", DescJa: "処理状況の中間通知",
		SubjectKo: "[서울시] 민원 처리 진행상황 안내 ({{.receipt_number}})", SubjectEn: "Progress of your complaint",
		Ko: []string{"접수번호 {{.receipt_number}} 민원을 처리하고 있습니다.", "처리기한: {{date .due_at}}"},
		En: []string{"Your complaint {{.receipt_number}} is being handled. Due by {{date .due_at}}."}},
	{Name: "complaint_answered", Category: CategoryComplaint, Statutory: true, Params: complaintParams,
		DescKo: "민원 처리결과 통지", DescEn: "Complaint answered", DescZh: "投诉处理结果通知", DescJa: "苦情（民願）処理結果の通知",
		SubjectKo: "[서울시] 민원 처리결과를 알려드립니다 ({{.receipt_number}})", SubjectEn: "Your complaint was answered",
		Ko: []string{"접수번호 {{.receipt_number}} 민원에 답변이 등록되었습니다. 홈페이지 민원 메뉴에서 답변을 확인하고 만족도를 평가할 수 있습니다."},
		En: []string{"Complaint {{.receipt_number}} was answered. Read the answer on the homepage."}},
	{Name: "complaint_closed", Category: CategoryComplaint, Statutory: true, Params: complaintParams,
		DescKo: "민원 종결 통지", DescEn: "Complaint closed", DescZh: "投诉终结通知", DescJa: "苦情（民願）終結の通知",
		SubjectKo: "[서울시] 민원이 종결되었습니다 ({{.receipt_number}})", SubjectEn: "Your complaint was closed",
		Ko: []string{"접수번호 {{.receipt_number}} 민원은 같은 내용의 반복 민원으로 종결되었습니다 (「민원 처리에 관한 법률」 제23조)."},
		En: []string{"Complaint {{.receipt_number}} was closed as a repeated complaint."}},
	{Name: "complaint_assigned", Category: CategoryWork, Statutory: true, ForOfficer: true, Params: complaintParams,
		DescKo: "민원 배정 알림", DescEn: "Complaint assigned", DescZh: "投诉分派提醒", DescJa: "苦情（民願）割当のお知らせ",
		SubjectKo: "[민원] 부서에 민원이 배정되었습니다 ({{.receipt_number}})", SubjectEn: "A complaint was assigned to your department",
		Ko: []string{"접수번호 {{.receipt_number}} 민원이 부서에 배정되었습니다. 처리기한: {{date .due_at}}"},
		En: []string{"Complaint {{.receipt_number}} was assigned to your department, due by {{date .due_at}}."}},
	{Name: "complaint_due_soon", Category: CategoryWork, Statutory: true, ForOfficer: true, Params: complaintParams,
		DescKo: "처리기한 임박 알림", DescEn: "Complaint due soon", DescZh: "处理期限临近提醒", DescJa: "処理期限間近のお知らせ",
		SubjectKo: "[민원] 처리기한이 다가옵니다 ({{.receipt_number}})", SubjectEn: "A complaint is due soon",
		Ko: []string{"접수번호 {{.receipt_number}} 민원의 처리기한은 {{date .due_at}}입니다."},
		En: []string{"Complaint {{.receipt_number}} is due by {{date .due_at}}."}},
	{Name: "complaint_overdue", Category: CategoryWork, Statutory: true, ForOfficer: true, Params: complaintParams,
		DescKo: "처리기한 경과 알림", DescEn: "Complaint overdue", DescZh: "处理期限已过提醒", DescJa: "処理期限超過のお知らせ",
		SubjectKo: "[민원] 처리기한이 지났습니다 ({{.receipt_number}})", SubjectEn: "A complaint is overdue",
		Ko: []string{"접수번호 {{.receipt_number}} 민원의 처리기한({{date .due_at}})이 지났습니다. 즉시 처리하거나 연장 사유를 기록하십시오."},
		En: []string{"Complaint {{.receipt_number}} passed its due date {{date .due_at}}."}},
	{Name: "content_stale", Category: CategoryWork, Statutory: true, ForOfficer: true, Params: []string{"item_id", "review_due"},
		DescKo: "게시 정보 검토 기한 경과 알림", DescEn: "Published information needs review", DescZh: "公开信息审核期限已过提醒", DescJa: "掲載情報の確認期限超過のお知らせ",
		SubjectKo: "[홈페이지] 게시 정보의 검토 기한이 지났습니다", SubjectEn: "Published information is past its review date",
		Ko: []string{"부서가 게시한 정보(ID {{.item_id}})의 검토 기한({{date .review_due}})이 지났습니다. 내용을 확인하고 최신 상태임을 확인하거나 수정하십시오."},
		En: []string{"Item {{.item_id}} of your department passed its review date {{date .review_due}}. Confirm it is current or update it."}},
	{Name: "post_removed", Category: CategoryModeration, Statutory: true, Params: []string{"target_type", "ground", "decision_id"},
		DescKo: "게시물 삭제 및 삭제 사유 통지", DescEn: "Post removed, with the statement of reasons", DescZh: "帖子删除及删除理由通知", DescJa: "投稿削除及び削除理由の通知",
		SubjectKo: "[서울시] 게시물이 삭제되었습니다", SubjectEn: "Your post was removed",
		Ko: []string{"귀하의 게시물({{.target_type}})이 「서울특별시 인터넷 홈페이지 운영 활성화에 관한 조례」 {{.ground}}에 따라 삭제되었습니다.",
			"삭제 사유서(결정 번호 {{.decision_id}})는 홈페이지 게시판 관리 기록(/v1/moderation/log)에 공개되어 있습니다.",
			"이의가 있으면 결정 번호를 적어 게시판 관리 메뉴에서 이의를 신청할 수 있습니다."},
		En: []string{"Your {{.target_type}} was removed under {{.ground}} of the homepage ordinance. The statement of reasons is decision {{.decision_id}} in the public moderation log; you may appeal it quoting that number."}},
	{Name: "post_restored", Category: CategoryModeration, Statutory: true, Params: []string{"target_type", "decision_id"},
		DescKo: "이의신청 결과 통지 (복원)", DescEn: "Appeal outcome: restored", DescZh: "异议申请结果通知（恢复）", DescJa: "異議申立て結果の通知（復元）",
		SubjectKo: "[서울시] 이의신청이 받아들여져 게시물이 복원되었습니다", SubjectEn: "Your appeal was granted",
		Ko: []string{"결정 번호 {{.decision_id}}에 대한 이의신청이 받아들여져 게시물({{.target_type}})이 복원되었습니다."},
		En: []string{"Your appeal of decision {{.decision_id}} was granted; your {{.target_type}} is restored."}},
	{Name: "points_expiring", Category: CategoryMileage, Params: []string{"points", "expires_at"},
		DescKo: "마일리지 소멸 예정 안내 (30일 이내)", DescEn: "Points expiring within 30 days", DescZh: "里程积分即将失效通知（30天内）", DescJa: "マイレージ失効予定のお知らせ（30日以内）",
		SubjectKo: "[서울시] 마일리지 {{.points}}점이 곧 소멸됩니다", SubjectEn: "Your mileage points expire soon",
		Ko: []string{"마일리지 {{.points}}점이 {{date .expires_at}}에 소멸됩니다. 소멸 전에 사용할 수 있습니다."},
		En: []string{"{{.points}} mileage points expire on {{date .expires_at}}."}},
	{Name: "prize_won", Category: CategoryEvent, Params: []string{"event_id", "prize_kind"},
		DescKo: "이벤트 당첨 안내", DescEn: "Prize won", DescZh: "活动中奖通知", DescJa: "イベント当選のお知らせ",
		SubjectKo: "[서울시] 이벤트에 당첨되셨습니다", SubjectEn: "You won a prize",
		Ko: []string{"참여하신 이벤트(ID {{.event_id}})에 당첨되었습니다. 경품: {{.prize_kind}}", "경품 수령 방법은 이벤트 안내를 확인하십시오."},
		En: []string{"You won a prize ({{.prize_kind}}) in event {{.event_id}}."}},
	{Name: "account_suspended", Category: CategoryAccount, Statutory: true, Params: []string{"address", "clause"},
		DescKo: "전자우편 아이디 이용 정지 통지", DescEn: "E-mail ID suspended", DescZh: "电子邮件账号停用通知", DescJa: "電子メールID利用停止の通知",
		SubjectKo: "[서울시] 전자우편 아이디 이용이 정지되었습니다", SubjectEn: "Your e-mail ID was suspended",
		Ko: []string{"전자우편 아이디 {{.address}}의 이용이 이용약관 제{{.clause}}조에 따라 정지되었습니다.", "이의가 있으면 홈페이지에서 이의를 신청할 수 있습니다."},
		En: []string{"Your e-mail ID {{.address}} was suspended under clause {{.clause}} of the terms. You may appeal on the homepage."}},
	{Name: "appeal_decided", Category: CategoryAccount, Statutory: true, Params: []string{"address", "decision"},
		DescKo: "이의신청 결과 통지 (전자우편 아이디)", DescEn: "Appeal of a suspension decided", DescZh: "异议申请结果通知（电子邮件账号）", DescJa: "異議申立て結果の通知（電子メールID）",
		SubjectKo: "[서울시] 이의신청 결과를 알려드립니다", SubjectEn: "Your appeal was decided",
		Ko: []string{"전자우편 아이디 {{.address}} 이용 정지에 대한 이의신청 결과: {{.decision}}"},
		En: []string{"The appeal of the suspension of {{.address}} was decided: {{.decision}}."}},
	{Name: "complaint_by_mail_received", Category: CategoryComplaint, Statutory: true, Params: complaintParams,
		DescKo: "전자우편 민원 접수 회신", DescEn: "Complaint by e-mail received", DescZh: "电子邮件投诉受理回复", DescJa: "電子メール苦情（民願）受付の返信",
		SubjectKo: "Re: [서울시] 전자우편 민원이 접수되었습니다 ({{.receipt_number}})", SubjectEn: "Your complaint by e-mail was received",
		Ko: []string{"보내주신 전자우편이 민원으로 접수되었습니다. 접수번호: {{.receipt_number}}", "처리기한: {{date .due_at}}"},
		En: []string{"Your e-mail was filed as complaint {{.receipt_number}}, due by {{date .due_at}}."}},
}

// LookupTemplate returns the template called name; an unknown name is bad
// input under field.
func LookupTemplate(field, name string) (Template, error) {
	for _, t := range Templates {
		if t.Name == name {
			return t, nil
		}
	}
	return Template{}, errs.Invalid(field, "UNKNOWN_TEMPLATE")
}

// Categories lists every category and whether it is statutory.
func Categories() []Preference {
	var out []Preference
	for _, t := range Templates {
		if !slices.ContainsFunc(out, func(p Preference) bool { return p.Category == t.Category }) {
			out = append(out, Preference{Category: t.Category, Enabled: true, Statutory: t.Statutory})
		}
	}
	return out
}

// Preference is one category and whether its notices are sent.
type Preference struct {
	Category  string
	Enabled   bool
	Statutory bool
}

// CheckOptOut refuses to turn off an unknown or statutory category.
func CheckOptOut(category string, enabled bool) error {
	for _, p := range Categories() {
		if p.Category != category {
			continue
		}
		if p.Statutory && !enabled {
			return errs.FailedPrecondition("STATUTORY_CATEGORY", "category", category)
		}
		return nil
	}
	return errs.Invalid("category", "UNKNOWN_CATEGORY")
}

// Description is the template's description as a public text (A2): Korean
// and its translations, all current.
func (t Template) Description() localized.Text {
	texts := map[string]string{"ko": t.DescKo, "en": t.DescEn, "zh": t.DescZh, "ja": t.DescJa}
	based := map[string]int{}
	for lang, s := range texts {
		if s == "" {
			delete(texts, lang)
		} else if lang != localized.Reference {
			based[lang] = 1
		}
	}
	return localized.Text{Texts: texts, Revision: 1, BasedOn: based}
}
