package app

import (
	"context"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// PostedRules is the public point table with the validity and the catalog
// (A8.3).
type PostedRules struct {
	Rules    []domain.Rule
	Validity domain.Validity
	Catalog  []domain.CatalogItem
}

// HowToRedeemKo and HowToRedeemEn explain redemption on the homepage (A8.3).
const (
	HowToRedeemKo = "적립된 마일리지는 유효기간 안에 대중교통(교통카드 충전), 온라인 도서상품권, 시장이 정하는 그 밖의 공공서비스에 사용할 수 있습니다. " +
		"유효기간이 먼저 끝나는 포인트부터 차감되며, 신청 시 포인트를 먼저 보류한 뒤 제휴기관이 확인하면 사용이 확정되고, 실패하거나 시간이 초과되면 보류가 취소되어 포인트가 돌아옵니다."
	HowToRedeemEn = "Points can be used within their validity period for public transport (transit card top-up), online library gift certificates " +
		"and other public services designated by the Mayor. Points expiring first are used first. A redemption holds the points, " +
		"is confirmed when the partner confirms, and is voided (points returned) on failure or timeout."
)

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
// version ends when the new one starts; versions are never edited.
func (a *App) PublishRule(ctx context.Context, r domain.Rule) (domain.Rule, error) {
	c, err := identity.RequireAny(ctx, identity.RoleAdmin)
	if err != nil {
		return r, err
	}
	now := a.Now()
	if r.EffectiveFrom.IsZero() {
		r.EffectiveFrom = now
	}
	if err := domain.ValidateRule(r, now); err != nil {
		return r, err
	}
	r.CreatedBy = c.Subject
	err = a.store.InTx(ctx, func(tx Tx) error {
		prev, err := tx.LockRules(ctx, r.Action)
		if err != nil {
			return err
		}
		r.Version = 1
		if prev != nil {
			if !r.EffectiveFrom.After(prev.EffectiveFrom) {
				return errs.Invalid("effective_from", "AFTER_VERSION_START", "version", prev.Version)
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
			return errs.Invalid("effective_from", "AFTER_VERSION_START", "version", prev.Version)
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

// PutCatalogItem creates or replaces an item (admins; A8.1.3).
func (a *App) PutCatalogItem(ctx context.Context, it domain.CatalogItem) (domain.CatalogItem, error) {
	if _, err := identity.RequireAny(ctx, identity.RoleAdmin); err != nil {
		return it, err
	}
	if err := domain.ValidateItem(it); err != nil {
		return it, err
	}
	return it, a.store.InTx(ctx, func(tx Tx) error { return tx.PutCatalogItem(ctx, it) })
}

// conflictOnDuplicate turns a lost race on a version number into Conflict:
// the caller may retry.
func conflictOnDuplicate(err error) error {
	if errs.Is(err, errs.KindAlreadyExists) {
		return errs.Wrap(errs.KindConflict, err, "VERSION_PUBLISHED_CONCURRENTLY")
	}
	return err
}
