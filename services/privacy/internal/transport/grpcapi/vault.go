package grpcapi

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
)

// StorePersonalData implements privacyv1.PrivacyServiceServer.
func (s *Server) StorePersonalData(ctx context.Context, req *privacyv1.StorePersonalDataRequest) (*privacyv1.StorePersonalDataResponse, error) {
	in := app.StoreInput{SubjectID: req.GetSubjectId(), Purpose: req.GetPurpose(), CaseReference: req.GetCaseReference()}
	for _, f := range req.GetFields() {
		in.Fields = append(in.Fields, app.FieldValue{Name: f.GetName(), Value: f.GetValue()})
	}
	tokens, err := s.app.StorePersonalData(ctx, in)
	if err != nil {
		return nil, err
	}
	out := &privacyv1.StorePersonalDataResponse{}
	for _, t := range tokens {
		out.Tokens = append(out.Tokens, &privacyv1.StoredToken{Field: t.Field, Token: t.Token, Masked: t.Masked})
	}
	return out, nil
}

// StorePersonalText implements privacyv1.PrivacyServiceServer.
func (s *Server) StorePersonalText(ctx context.Context, req *privacyv1.StorePersonalTextRequest) (*privacyv1.StorePersonalTextResponse, error) {
	in := app.TextInput{SubjectID: req.GetSubjectId(), Purpose: req.GetPurpose(), CaseReference: req.GetCaseReference()}
	for _, t := range req.GetTexts() {
		in.Texts = append(in.Texts, app.TextValue{Document: t.GetDocument(), Text: t.GetText()})
	}
	tokens, err := s.app.StorePersonalText(ctx, in)
	if err != nil {
		return nil, err
	}
	out := &privacyv1.StorePersonalTextResponse{}
	for _, t := range tokens {
		out.Tokens = append(out.Tokens, &privacyv1.StoredText{Document: t.Document, Token: t.Token})
	}
	return out, nil
}

// GetMaskedData implements privacyv1.PrivacyServiceServer.
func (s *Server) GetMaskedData(ctx context.Context, req *privacyv1.GetMaskedDataRequest) (*privacyv1.MaskedData, error) {
	v, err := s.app.GetMaskedData(ctx, req.GetSubjectId(), req.GetFields())
	if err != nil {
		return nil, err
	}
	return &privacyv1.MaskedData{Masked: v.Masked, Tokens: v.Tokens}, nil
}

// RevealPersonalData implements privacyv1.PrivacyServiceServer.
func (s *Server) RevealPersonalData(ctx context.Context, req *privacyv1.RevealPersonalDataRequest) (*privacyv1.RevealPersonalDataResponse, error) {
	vals, err := s.app.RevealPersonalData(ctx, app.RevealInput{
		Tokens: req.GetTokens(), Purpose: req.GetPurpose(), CaseReference: req.GetCaseReference()})
	if err != nil {
		return nil, err
	}
	return &privacyv1.RevealPersonalDataResponse{Values: revealedToProto(vals)}, nil
}

func revealedToProto(vals []app.Revealed) []*privacyv1.RevealedValue {
	out := make([]*privacyv1.RevealedValue, len(vals))
	for i, v := range vals {
		out[i] = &privacyv1.RevealedValue{Token: v.Token, Field: v.Field, Value: v.Value, SubjectId: v.SubjectID,
			Document: v.Document}
	}
	return out
}

// FindSubject implements privacyv1.PrivacyServiceServer.
func (s *Server) FindSubject(ctx context.Context, req *privacyv1.FindSubjectRequest) (*privacyv1.FindSubjectResponse, error) {
	matches, err := s.app.FindSubject(ctx, app.LookupInput{
		Field: req.GetField(), Value: req.GetValue(), Purpose: req.GetPurpose(), CaseReference: req.GetCaseReference()})
	if err != nil {
		return nil, err
	}
	out := &privacyv1.FindSubjectResponse{}
	for _, m := range matches {
		out.Matches = append(out.Matches, &privacyv1.SubjectMatch{SubjectId: m.SubjectID, Token: m.Token})
	}
	return out, nil
}
