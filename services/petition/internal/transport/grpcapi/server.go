// Package grpcapi implements the petition service's gRPC API: it maps
// proto messages to the use cases of package app and back. No SQL, no
// rules here.
package grpcapi

import (
	"context"

	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/services/petition/internal/app"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// Server implements petitionv1.PetitionServiceServer.
type Server struct {
	petitionv1.UnimplementedPetitionServiceServer
	app *app.App
}

// New returns the API over the use cases.
func New(a *app.App) *Server { return &Server{app: a} }

// ListComplaintTypes returns the complaint types with their statutory periods.
func (s *Server) ListComplaintTypes(context.Context, *petitionv1.ListComplaintTypesRequest) (*petitionv1.ListComplaintTypesResponse, error) {
	out := &petitionv1.ListComplaintTypesResponse{}
	for _, t := range domain.ComplaintTypes {
		out.ComplaintTypes = append(out.ComplaintTypes, &petitionv1.ComplaintType{Code: t.Code, NameKo: t.NameKo, NameEn: t.NameEn,
			Period: t.Period.String(), LegalBasis: t.LegalBasis})
	}
	return out, nil
}
