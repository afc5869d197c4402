package grpcapi

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"
)

// ts is a time on the wire; the zero time is unset.
func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// tsPtr is an optional time on the wire.
func tsPtr(t *time.Time) *timestamppb.Timestamp {
	if t == nil {
		return nil
	}
	return timestamppb.New(*t)
}
