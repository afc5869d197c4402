// Package grpcapi implements the mileage service's gRPC API: proto ⇄
// domain mapping only; rules and authorization live in the app.
package grpcapi

import (
	"encoding/base64"
	"strconv"
	"time"

	"github.com/google/uuid"
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

const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// pageSize checks page_size: 0 means the default.
func pageSize(n int32) (int, error) {
	switch {
	case n < 0 || n > maxPageSize:
		return 0, errs.Invalid("page_size", "must be between 0 and "+strconv.Itoa(maxPageSize))
	case n == 0:
		return defaultPageSize, nil
	}
	return int(n), nil
}

// Page tokens are opaque keysets: the last position seen.
func encodeToken(pos int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(pos, 10)))
}

func decodeToken(tok string) (int64, error) {
	if tok == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, errs.Invalid("page_token", "is not a token this service issued")
	}
	pos, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || pos <= 0 {
		return 0, errs.Invalid("page_token", "is not a token this service issued")
	}
	return pos, nil
}

// ID tokens carry the last id seen (a UUID) for id-ordered lists.
func encodeIDToken(id string) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

func decodeIDToken(tok string) (string, error) {
	if tok == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return "", errs.Invalid("page_token", "is not a token this service issued")
	}
	if _, err := uuid.Parse(string(raw)); err != nil {
		return "", errs.Invalid("page_token", "is not a token this service issued")
	}
	return string(raw), nil
}

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
		return time.Time{}, errs.Invalid(field, "is not a valid timestamp")
	}
	return t.AsTime(), nil
}
