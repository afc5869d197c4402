package grpcapi

import (
	"context"
	"strings"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

func policyToProto(p domain.Policy, lang string) *privacyv1.Policy {
	return &privacyv1.Policy{Version: p.Version, TitleKo: p.Title.Texts["ko"], TitleEn: p.Title.Texts["en"],
		BodyKo: p.Body.Texts["ko"], BodyEn: p.Body.Texts["en"], EffectiveTime: ts(p.EffectiveFrom), PublishTime: ts(p.PublishedAt),
		Title: wire.Served(p.Title, lang), Body: wire.Served(p.Body, lang)}
}

// readerLanguage is the language a reader asked for: the request's
// language field, else the first of the call's Accept-Language (the edge
// forwards the header), else Korean.
func readerLanguage(ctx context.Context, asked string) string {
	if asked != "" {
		return asked
	}
	first, _, _ := strings.Cut(locale.AcceptLanguage(ctx), ",")
	tag, _, _ := strings.Cut(first, ";")
	return strings.TrimSpace(tag)
}

// GetCurrentPolicy implements privacyv1.PrivacyServiceServer.
func (s *Server) GetCurrentPolicy(ctx context.Context, req *privacyv1.GetCurrentPolicyRequest) (*privacyv1.Policy, error) {
	p, err := s.app.GetCurrentPolicy(ctx)
	if err != nil {
		return nil, err
	}
	return policyToProto(p, readerLanguage(ctx, req.GetLanguage())), nil
}

// ListPolicies implements privacyv1.PrivacyServiceServer.
func (s *Server) ListPolicies(ctx context.Context, req *privacyv1.ListPoliciesRequest) (*privacyv1.ListPoliciesResponse, error) {
	list, err := s.app.ListPolicyVersions(ctx)
	if err != nil {
		return nil, err
	}
	lang := readerLanguage(ctx, req.GetLanguage())
	out := &privacyv1.ListPoliciesResponse{}
	for _, p := range list {
		out.Policies = append(out.Policies, policyToProto(p, lang))
	}
	return out, nil
}

// PublishPolicy implements privacyv1.PrivacyServiceServer. title_ko …
// body_en are shorthands for the ko and en texts; when a request uses
// them instead of title/body, its violations are named after them.
func (s *Server) PublishPolicy(ctx context.Context, req *privacyv1.PublishPolicyRequest) (*privacyv1.PublishPolicyResponse, error) {
	in := app.PolicyInput{Version: req.GetVersion(), Titles: texts(wire.Texts(req.GetTitle()), req.GetTitleKo(), req.GetTitleEn()),
		Bodies: texts(wire.Texts(req.GetBody()), req.GetBodyKo(), req.GetBodyEn())}
	if req.GetEffectiveTime() != nil {
		in.EffectiveFrom = req.GetEffectiveTime().AsTime()
	}
	got, err := s.app.PublishPolicy(ctx, in)
	if err != nil {
		return nil, errs.Rename(err, func(field string) string { return shorthand(req, field) })
	}
	return &privacyv1.PublishPolicyResponse{Policy: policyToProto(got, "ko")}, nil
}

// texts merges the shorthand Korean and English texts into a request's
// localized ones.
func texts(all map[string]string, ko, en string) map[string]string {
	out := map[string]string{}
	for lang, t := range all {
		out[lang] = t
	}
	if ko != "" {
		out["ko"] = ko
	}
	if en != "" {
		out["en"] = en
	}
	return out
}

// shorthand names a violation of the Korean or English text after the
// shorthand field when the request gave no localized text for it.
func shorthand(req *privacyv1.PublishPolicyRequest, field string) string {
	name, lang, ok := strings.Cut(field, ".texts.")
	if !ok || (lang != "ko" && lang != "en") || (name == "title" && req.GetTitle() != nil) || (name == "body" && req.GetBody() != nil) {
		return field
	}
	return name + "_" + lang
}
