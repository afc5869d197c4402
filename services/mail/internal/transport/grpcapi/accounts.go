package grpcapi

import (
	"context"

	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	"github.com/seoul-gov/homepage/services/mail/internal/app"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

var kinds = map[mailv1.AccountKind]domain.Kind{
	mailv1.AccountKind_ACCOUNT_KIND_OFFICIAL: domain.KindOfficial,
	mailv1.AccountKind_ACCOUNT_KIND_CITIZEN:  domain.KindCitizen,
}

// CreateAccount implements the RPC.
func (s *Server) CreateAccount(ctx context.Context, r *mailv1.CreateAccountRequest) (*mailv1.Account, error) {
	a, err := s.app.CreateAccount(ctx, app.CreateAccount{RequestID: r.GetRequestId(), Kind: kinds[r.GetKind()],
		LocalPart: r.GetLocalPart(), SubjectID: r.GetSubjectId(), DepartmentCode: r.GetDepartmentCode(),
		DisplayName: r.GetDisplayName(), TermsVersion: r.GetTermsVersion()})
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return pb, err
}

// GetAccount implements the RPC.
func (s *Server) GetAccount(ctx context.Context, r *mailv1.GetAccountRequest) (*mailv1.Account, error) {
	a, err := s.app.GetAccount(ctx, r.GetAccountId())
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return pb, err
}

// AcceptTerms implements the RPC.
func (s *Server) AcceptTerms(ctx context.Context, r *mailv1.AcceptTermsRequest) (*mailv1.AcceptTermsResponse, error) {
	a, err := s.app.AcceptTerms(ctx, r.GetAccountId(), r.GetTermsVersion())
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return &mailv1.AcceptTermsResponse{Account: pb}, err
}

// SuspendAccount implements the RPC.
func (s *Server) SuspendAccount(ctx context.Context, r *mailv1.SuspendAccountRequest) (*mailv1.SuspendAccountResponse, error) {
	a, err := s.app.SuspendAccount(ctx, r.GetAccountId(), r.GetClause(), r.GetReason())
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return &mailv1.SuspendAccountResponse{Account: pb}, err
}

// AppealSuspension implements the RPC.
func (s *Server) AppealSuspension(ctx context.Context, r *mailv1.AppealSuspensionRequest) (*mailv1.AppealSuspensionResponse, error) {
	a, err := s.app.AppealSuspension(ctx, r.GetAccountId(), r.GetStatement())
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return &mailv1.AppealSuspensionResponse{Account: pb}, err
}

// DecideAppeal implements the RPC.
func (s *Server) DecideAppeal(ctx context.Context, r *mailv1.DecideAppealRequest) (*mailv1.DecideAppealResponse, error) {
	a, err := s.app.DecideAppeal(ctx, r.GetAccountId(), r.GetReinstate(), r.GetReason())
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return &mailv1.DecideAppealResponse{Account: pb}, err
}

// CloseAccount implements the RPC.
func (s *Server) CloseAccount(ctx context.Context, r *mailv1.CloseAccountRequest) (*mailv1.CloseAccountResponse, error) {
	a, err := s.app.CloseAccount(ctx, r.GetAccountId())
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return &mailv1.CloseAccountResponse{Account: pb}, err
}

// ResetSubmissionPassword implements the RPC.
func (s *Server) ResetSubmissionPassword(ctx context.Context, r *mailv1.ResetSubmissionPasswordRequest) (*mailv1.ResetSubmissionPasswordResponse, error) {
	a, password, err := s.app.ResetSubmissionPassword(ctx, r.GetAccountId())
	if err != nil {
		return nil, err
	}
	pb, err := s.account(ctx, a)
	return &mailv1.ResetSubmissionPasswordResponse{Account: pb, Username: a.Address(), Password: password,
		ComplaintAddress: s.app.ComplaintAddress()}, err
}

func (s *Server) account(ctx context.Context, a *domain.Account) (*mailv1.Account, error) {
	required, err := s.app.TermsAcceptanceRequired(ctx, a)
	if err != nil {
		return nil, err
	}
	return accountPB(a, required), nil
}
