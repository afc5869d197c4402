package grpcapi

import (
	"context"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// GetRules returns the posted point table, validity and catalog (A8.3).
// Its texts are in the reader's language (A2).
func (s *Server) GetRules(ctx context.Context, req *mileagev1.GetRulesRequest) (*mileagev1.Rules, error) {
	p, err := s.app.GetRules(ctx)
	if err != nil {
		return nil, err
	}
	lang := wire.ReaderLanguage(ctx, req.GetLanguage())
	return &mileagev1.Rules{Rules: toRules(p.Rules, lang), Validity: toValidity(p.Validity),
		Catalog: toItems(p.Catalog, lang), HowToRedeem: wire.Served(app.HowToRedeem, lang)}, nil
}

// ListRuleVersions returns the history of the point table (A8.3).
func (s *Server) ListRuleVersions(ctx context.Context, req *mileagev1.ListRuleVersionsRequest) (*mileagev1.ListRuleVersionsResponse, error) {
	rules, vs, next, err := s.app.ListRuleVersions(ctx, req.GetAction(), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	resp := &mileagev1.ListRuleVersionsResponse{NextPageToken: next}
	resp.Rules = toRules(rules, wire.ReaderLanguage(ctx, req.GetLanguage()))
	for _, v := range vs {
		resp.ValidityVersions = append(resp.ValidityVersions, toValidity(v))
	}
	return resp, nil
}

// PublishRule adds a rule version (admins).
func (s *Server) PublishRule(ctx context.Context, req *mileagev1.PublishRuleRequest) (*mileagev1.PublishRuleResponse, error) {
	from, err := optionalTime("effective_time", req.GetEffectiveTime())
	if err != nil {
		return nil, err
	}
	r, err := s.app.PublishRule(ctx, domain.Rule{Action: req.GetAction(), Points: req.GetPoints(),
		DailyCap: int(req.GetDailyCap()), MonthlyCap: int(req.GetMonthlyCap()), YearlyCap: int(req.GetYearlyCap()),
		WeightPercent: int(req.GetWeightPercent()), EffectiveFrom: from, Reason: req.GetReason()},
		wire.Texts(req.GetDescription()))
	if err != nil {
		return nil, err
	}
	return &mileagev1.PublishRuleResponse{Rule: toRule(r, reader(ctx))}, nil
}

// SetValidity adds a validity version (admins, A8.2).
func (s *Server) SetValidity(ctx context.Context, req *mileagev1.SetValidityRequest) (*mileagev1.SetValidityResponse, error) {
	from, err := optionalTime("effective_time", req.GetEffectiveTime())
	if err != nil {
		return nil, err
	}
	v, err := s.app.SetValidity(ctx, domain.Validity{Days: int(req.GetValidityDays()),
		NoticeDays: int(req.GetExpiryNoticeDays()), EffectiveFrom: from, Reason: req.GetReason()})
	if err != nil {
		return nil, err
	}
	return &mileagev1.SetValidityResponse{Validity: toValidity(v)}, nil
}

// ListCatalogItems returns the active catalog.
func (s *Server) ListCatalogItems(ctx context.Context, req *mileagev1.ListCatalogItemsRequest) (*mileagev1.ListCatalogItemsResponse, error) {
	items, err := s.app.ListCatalogItems(ctx)
	if err != nil {
		return nil, err
	}
	return &mileagev1.ListCatalogItemsResponse{CatalogItems: toItems(items, wire.ReaderLanguage(ctx, req.GetLanguage()))}, nil
}

// PutCatalogItem creates or replaces an item (admins).
func (s *Server) PutCatalogItem(ctx context.Context, req *mileagev1.PutCatalogItemRequest) (*mileagev1.PutCatalogItemResponse, error) {
	it, err := s.app.PutCatalogItem(ctx, fromItem(req.GetItem()), wire.Texts(req.GetItem().GetNameTexts()))
	if err != nil {
		return nil, err
	}
	return &mileagev1.PutCatalogItemResponse{Item: toItem(it, reader(ctx))}, nil
}

// reader is the caller's language from its Accept-Language (RPCs without
// a language field).
func reader(ctx context.Context) string { return wire.ReaderLanguage(ctx, "") }
