// Package grpcapi implements the mail service's gRPC API (and through its
// google.api.http annotations, the REST edge's /v1/mail routes): requests
// become use-case calls, results become protos. No SQL and no rules here.
package grpcapi

import (
	"context"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/platform/localized/wire"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Server implements mailv1.MailServiceServer.
type Server struct {
	mailv1.UnimplementedMailServiceServer
	app *app.App
}

// New returns the API over the use cases.
func New(a *app.App) *Server { return &Server{app: a} }

// GetCurrentTerms implements the RPC.
func (s *Server) GetCurrentTerms(ctx context.Context, r *mailv1.GetCurrentTermsRequest) (*mailv1.Terms, error) {
	t, err := s.app.CurrentTerms(ctx)
	if err != nil {
		return nil, err
	}
	return termsPB(t, wire.ReaderLanguage(ctx, r.GetLanguage())), nil
}

// ListTerms implements the RPC.
func (s *Server) ListTerms(ctx context.Context, r *mailv1.ListTermsRequest) (*mailv1.ListTermsResponse, error) {
	list, err := s.app.ListTerms(ctx)
	if err != nil {
		return nil, err
	}
	out := &mailv1.ListTermsResponse{}
	lang := wire.ReaderLanguage(ctx, r.GetLanguage())
	for _, t := range list {
		out.Terms = append(out.Terms, termsPB(t, lang))
	}
	return out, nil
}

// PublishTerms implements the RPC.
func (s *Server) PublishTerms(ctx context.Context, r *mailv1.PublishTermsRequest) (*mailv1.PublishTermsResponse, error) {
	t := domain.TermsDraft{Version: r.GetVersion(), Title: wire.Texts(r.GetTitle())}
	for _, c := range r.GetClauses() {
		t.Clauses = append(t.Clauses, domain.ClauseDraft{Number: c.GetNumber(), Texts: wire.Texts(c.GetTextTexts())})
	}
	if r.GetEffectiveTime() != nil {
		t.EffectiveFrom = r.GetEffectiveTime().AsTime()
	}
	terms, err := s.app.PublishTerms(ctx, t)
	if err != nil {
		return nil, err
	}
	return &mailv1.PublishTermsResponse{Terms: termsPB(terms, wire.ReaderLanguage(ctx, ""))}, nil
}

// ListTemplates implements the RPC.
// Descriptions are in the reader's language (A2).
func (s *Server) ListTemplates(ctx context.Context, r *mailv1.ListTemplatesRequest) (*mailv1.ListTemplatesResponse, error) {
	out := &mailv1.ListTemplatesResponse{}
	lang := wire.ReaderLanguage(ctx, r.GetLanguage())
	for _, t := range domain.Templates {
		out.Templates = append(out.Templates, &mailv1.Template{Name: t.Name, Category: t.Category, Statutory: t.Statutory,
			Description: wire.Served(t.Description(), lang), Params: t.Params})
	}
	return out, nil
}

// GetPreferences implements the RPC.
func (s *Server) GetPreferences(ctx context.Context, _ *mailv1.GetPreferencesRequest) (*mailv1.Preferences, error) {
	p, err := s.app.Preferences(ctx)
	if err != nil {
		return nil, err
	}
	return &mailv1.Preferences{Preferences: prefsPB(p)}, nil
}

// SetPreference implements the RPC.
func (s *Server) SetPreference(ctx context.Context, r *mailv1.SetPreferenceRequest) (*mailv1.SetPreferenceResponse, error) {
	p, err := s.app.SetPreference(ctx, r.GetCategory(), r.GetEnabled())
	if err != nil {
		return nil, err
	}
	return &mailv1.SetPreferenceResponse{Preferences: prefsPB(p)}, nil
}

// Unsubscribe implements the RPC.
func (s *Server) Unsubscribe(ctx context.Context, r *mailv1.UnsubscribeRequest) (*mailv1.UnsubscribeResponse, error) {
	c, err := s.app.Unsubscribe(ctx, r.GetToken())
	if err != nil {
		return nil, err
	}
	return &mailv1.UnsubscribeResponse{Category: c}, nil
}
