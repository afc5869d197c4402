package app

import (
	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// ContractorFilter selects contractor grants; empty fields select all.
type ContractorFilter struct {
	ContractorSubject string
}

// ListContractorGrants pages the contractor grants, newest first, revoked
// and expired ones included (admins only; A3.2).
func (a *App) ListContractorGrants(ctx context.Context, f ContractorFilter, pageSize int, pageToken string) ([]domain.ContractorGrant, string, error) {
	actor := caller(ctx)
	if err := adminOnly(actor); err != nil {
		return nil, "", err
	}
	if f.ContractorSubject != "" && !domain.ValidSubjectID(f.ContractorSubject) {
		return nil, "", errs.Invalid("contractor_subject", "SUBJECT_ID")
	}
	size, err := pagetoken.Size(pageSize, 50, 500)
	if err != nil {
		return nil, "", err
	}
	return a.Contractors.List(ctx, f, pagetoken.Page{Size: size, Token: pageToken})
}
