package app

import (
	"context"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
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

// Rules returns what is in force now. Public.
func (a *App) Rules(ctx context.Context) (PostedRules, error) {
	now := a.Now()
	rules, err := a.store.RulesAt(ctx, now)
	if err != nil {
		return PostedRules{}, err
	}
	v, err := a.store.ValidityAt(ctx, now)
	if err != nil {
		return PostedRules{}, err
	}
	items, err := a.store.Catalog(ctx, true)
	return PostedRules{Rules: rules, Validity: v, Catalog: items}, err
}

// RuleHistory pages through every rule version, newest first, with every
// validity version. Public.
func (a *App) RuleHistory(ctx context.Context, action string, beforeID int64, limit int) ([]domain.Rule, []domain.Validity, error) {
	if action != "" && !slices.Contains(domain.RuleActions, action) {
		return nil, nil, errs.Invalid("action", "NOT_ONE_OF", "allowed", strings.Join(domain.RuleActions, ", "))
	}
	rules, err := a.store.RuleHistory(ctx, action, beforeID, limit)
	if err != nil {
		return nil, nil, err
	}
	vs, err := a.store.ValidityHistory(ctx)
	return rules, vs, err
}

// PublishRule adds a version of one action's rule (admins). The previous
// version ends when the new one starts; versions are never edited. The
// description's languages given (A2) replace those of the previous
// version, the others are carried over (stale after a new Korean text).
func (a *App) PublishRule(ctx context.Context, r domain.Rule, description map[string]string) (domain.Rule, error) {
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return r, err
	}
	now := a.Now()
	if r.EffectiveFrom.IsZero() {
		r.EffectiveFrom = now
	}
	r.CreatedBy = c.Subject
	err = a.store.InTx(ctx, func(tx Tx) error {
		var prev *domain.Rule
		if slices.Contains(domain.RuleActions, r.Action) { // a bad action is named below, never looked up
			if prev, err = tx.LockRules(ctx, r.Action); err != nil {
				return err
			}
		}
		var v errs.Violations
		v.Merge(domain.ValidateRule(r, now))
		var prevText *localized.Text
		if prev != nil {
			prevText = &prev.Description
		}
		r.Description = domain.LocalText("description", prevText, description, domain.MaxDescription, &v)
		if err := v.Err(); err != nil {
			return err
		}
		r.Version = 1
		if prev != nil {
			if !r.EffectiveFrom.After(prev.EffectiveFrom) {
				return errs.Invalid("effective_time", "AFTER_VERSION_START", "version", prev.Version)
			}
			if err := tx.EndRule(ctx, prev.ID, r.EffectiveFrom); err != nil {
				return err
			}
			r.Version = prev.Version + 1
		}
		r, err = tx.InsertRule(ctx, r)
		return err
	})
	return r, conflictOnDuplicate(err)
}

// SetValidity adds a version of the validity period (admins). It applies
// to lots earned from its start; existing lots keep their expiry dates.
func (a *App) SetValidity(ctx context.Context, v domain.Validity) (domain.Validity, error) {
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return v, err
	}
	now := a.Now()
	if v.EffectiveFrom.IsZero() {
		v.EffectiveFrom = now
	}
	if err := domain.ValidateValidity(v, now); err != nil {
		return v, err
	}
	v.CreatedBy = c.Subject
	err = a.store.InTx(ctx, func(tx Tx) error {
		prev, err := tx.LockValidity(ctx)
		if err != nil {
			return err
		}
		if !v.EffectiveFrom.After(prev.EffectiveFrom) {
			return errs.Invalid("effective_time", "AFTER_VERSION_START", "version", prev.Version)
		}
		v, err = tx.InsertValidity(ctx, v)
		return err
	})
	return v, conflictOnDuplicate(err)
}

// Catalog lists the redemption catalog. Public.
func (a *App) Catalog(ctx context.Context) ([]domain.CatalogItem, error) {
	return a.store.Catalog(ctx, true)
}

// PutCatalogItem creates or replaces an item (admins; A8.1.3). The name's
// languages given (A2) replace the stored ones, the others are kept
// (stale after a new Korean name).
func (a *App) PutCatalogItem(ctx context.Context, it domain.CatalogItem, names map[string]string) (domain.CatalogItem, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return it, err
	}
	err := a.store.InTx(ctx, func(tx Tx) error {
		var prev *localized.Text
		if domain.ValidItemID(it.ID) {
			stored, err := tx.LockCatalogItem(ctx, it.ID)
			if err != nil {
				return err
			}
			if stored != nil {
				prev = &stored.Name
			}
		}
		var v errs.Violations
		v.Merge(domain.ValidateItem(it))
		it.Name = domain.LocalText("item.name_texts", prev, names, domain.MaxItemName, &v)
		if err := v.Err(); err != nil {
			return err
		}
		return tx.PutCatalogItem(ctx, it)
	})
	return it, err
}

// conflictOnDuplicate turns a lost race on a version number into Conflict:
// the caller may retry.
func conflictOnDuplicate(err error) error {
	if errs.Is(err, errs.KindAlreadyExists) {
		return errs.Wrap(errs.KindConflict, err, "VERSION_PUBLISHED_CONCURRENTLY")
	}
	return err
}
