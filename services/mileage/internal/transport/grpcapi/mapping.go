package grpcapi

import (
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// toRule is a rule version with its description served to a reader of
// lang (A2) and in every language for its editors.
func toRule(r domain.Rule, lang string) *mileagev1.EarningRule {
	return &mileagev1.EarningRule{Action: r.Action, Points: r.Points, Version: int32(r.Version),
		DailyCap: int32(r.DailyCap), MonthlyCap: int32(r.MonthlyCap), YearlyCap: int32(r.YearlyCap),
		WeightPercent: int32(r.WeightPercent), EffectiveTime: ts(r.EffectiveFrom), EffectiveEndTime: tsPtr(r.EffectiveTo),
		Reason: r.Reason, Description: wire.Served(r.Description, lang), DescriptionTexts: wire.All(r.Description)}
}

func toRules(rs []domain.Rule, lang string) []*mileagev1.EarningRule {
	out := make([]*mileagev1.EarningRule, len(rs))
	for i, r := range rs {
		out[i] = toRule(r, lang)
	}
	return out
}

func toValidity(v domain.Validity) *mileagev1.Validity {
	return &mileagev1.Validity{Version: int32(v.Version), ValidityDays: int32(v.Days),
		ExpiryNoticeDays: int32(v.NoticeDays), EffectiveTime: ts(v.EffectiveFrom), Reason: v.Reason}
}

// toItem is an item with its name served to a reader of lang (A2) and in
// every language for its editors.
func toItem(it domain.CatalogItem, lang string) *mileagev1.CatalogItem {
	return &mileagev1.CatalogItem{ItemId: it.ID, Channel: it.Channel, Name: wire.Served(it.Name, lang), NameTexts: wire.All(it.Name),
		MinPoints: it.MinPoints, MaxPoints: it.MaxPoints, StepPoints: it.StepPoints,
		RequiredField: it.RequiredField, Active: it.Active, OrdinanceRef: it.OrdinanceRef}
}

func toItems(items []domain.CatalogItem, lang string) []*mileagev1.CatalogItem {
	out := make([]*mileagev1.CatalogItem, len(items))
	for i, it := range items {
		out[i] = toItem(it, lang)
	}
	return out
}

func fromItem(p *mileagev1.CatalogItem) domain.CatalogItem {
	return domain.CatalogItem{ID: p.GetItemId(), Channel: p.GetChannel(),
		MinPoints: p.GetMinPoints(), MaxPoints: p.GetMaxPoints(), StepPoints: p.GetStepPoints(),
		RequiredField: p.GetRequiredField(), Active: p.GetActive(), OrdinanceRef: p.GetOrdinanceRef()}
}

func toLot(l domain.Lot) *mileagev1.Lot {
	return &mileagev1.Lot{LotId: l.ID, AwardId: l.ID, Action: l.Action, Points: l.Points, Remaining: l.Remaining,
		BudgetYear: int32(l.BudgetYear), EarnTime: ts(l.EarnedAt), ExpireTime: ts(l.ExpiresAt)}
}

func toAward(a domain.Award) *mileagev1.Award {
	lot := ""
	if a.Status == domain.AwardCredited || a.Status == domain.AwardClawedBack {
		lot = a.ID
	}
	status := string(a.Status)
	if a.ClawedBackAt != nil {
		status = string(domain.AwardClawedBack)
	}
	return &mileagev1.Award{AwardId: a.ID, SubjectId: a.Subject, Action: a.Action, RuleVersion: int32(a.RuleVersion),
		Points: a.Points, Status: status, SourceRef: a.SourceRef, LotId: lot, CreateTime: ts(a.CreatedAt)}
}

func toRedemption(r domain.Redemption) *mileagev1.Redemption {
	return &mileagev1.Redemption{RedemptionId: r.ID, SubjectId: r.Subject, ItemId: r.ItemID, Channel: r.Channel,
		Points: r.Points, Status: string(r.Status), MaskedAccount: r.MaskedAccount, PartnerReference: r.PartnerReference,
		FailureReason: r.FailureReason, CreateTime: ts(r.CreatedAt), HoldExpireTime: ts(r.HoldExpiresAt),
		CompleteTime: tsPtr(r.CompletedAt)}
}

func toGrant(r domain.GrantRequest) *mileagev1.ManualGrant {
	return &mileagev1.ManualGrant{GrantId: r.ID, SubjectId: r.Subject, Points: r.Points, Reason: r.Reason, Status: r.Status,
		RequestedBy: r.RequestedBy, RequestTime: ts(r.RequestedAt), ApprovedBy: r.ApprovedBy, ApproveTime: ts(r.ApprovedAt),
		AwardId: r.AwardID}
}
