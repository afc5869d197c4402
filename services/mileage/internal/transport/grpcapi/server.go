// Package grpcapi implements the mileage service's gRPC API: proto ⇄
// domain mapping only; rules and authorization live in the app.
package grpcapi

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/mileage/internal/app"
)

// Server implements mileagev1.MileageServiceServer.
type Server struct {
	mileagev1.UnimplementedMileageServiceServer
	app *app.App
}

// New returns the API over the use cases.
func New(a *app.App) *Server { return &Server{app: a} }

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func tsPtr(t *time.Time) *timestamppb.Timestamp {
	if t == nil {
		return nil
	}
	return timestamppb.New(*t)
}

// optionalTime reads an optional timestamp field, naming it when invalid.
func optionalTime(field string, t *timestamppb.Timestamp) (time.Time, error) {
	if t == nil {
		return time.Time{}, nil
	}
	if err := t.CheckValid(); err != nil {
		return time.Time{}, errs.Invalid(field, "INVALID_TIME", "example", "2026-03-01T09:00:00+09:00")
	}
	return t.AsTime(), nil
}
