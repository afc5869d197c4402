package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// PostedRules is the public point table with the validity and the catalog
// (A8.3).
type PostedRules struct {
	Rules    []domain.Rule
	Validity domain.Validity
	Catalog  []domain.CatalogItem
}

// HowToRedeem explains redemption on the homepage (A8.3) in Korean and its
// translations (A2), all made from the Korean text as it is.
var HowToRedeem = localized.Text{Revision: 1, BasedOn: map[string]int{"en": 1, "zh": 1, "ja": 1}, Texts: map[string]string{
	"ko": "적립된 마일리지는 유효기간 안에 대중교통(교통카드 충전), 온라인 도서상품권, 시장이 정하는 그 밖의 공공서비스에 사용할 수 있습니다. " +
		"유효기간이 먼저 끝나는 포인트부터 차감되며, 신청 시 포인트를 먼저 보류한 뒤 제휴기관이 확인하면 사용이 확정되고, 실패하거나 시간이 초과되면 보류가 취소되어 포인트가 돌아옵니다.",
	"en": "Points can be used within their validity period for public transport (transit card top-up), online library gift certificates " +
		"and other public services designated by the Mayor. Points expiring first are used first. A redemption holds the points, " +
		"is confirmed when the partner confirms, and is voided (points returned) on failure or timeout.",
	"zh": "累积的里程积分可在有效期内用于公共交通（交通卡充值）、在线图书礼券以及市长指定的其他公共服务。" +
		"先到期的积分先扣除。申请使用时先冻结积分，合作机构确认后使用即告确定；如失败或超时，冻结将被取消，积分退回。",
	"ja": "貯まったマイレージは、有効期間内に公共交通（交通カードのチャージ）、オンライン図書商品券、市長が定めるその他の公共サービスに利用できます。" +
		"有効期間が先に終わるポイントから差し引かれます。申請するとまずポイントが保留され、提携機関が確認すると利用が確定し、失敗又は時間切れの場合は保留が取り消されてポイントが戻ります。",
}}

// GetRules returns what is in force now. Public.
func (a *App) GetRules(ctx context.Context) (PostedRules, error) {
	now := a.Now()
	rules, err := a.rules.At(ctx, now)
	if err != nil {
		return PostedRules{}, err
	}
	v, err := a.validities.At(ctx, now)
	if err != nil {
		return PostedRules{}, err
	}
	items, err := a.catalog.List(ctx, true)
	return PostedRules{Rules: rules, Validity: v, Catalog: items}, err
}
