// Package freshread lets a caller that keeps answers ask a service for
// what its database holds now, past the service's own read cache. The
// edge's cache needs it: it refills an answer right after a service's
// event dropped it and keeps the answer until the next event, so an answer
// taken from a service replica whose cache has not heard of that event
// yet would be kept stale with nothing left to drop it.
//
// The caller marks its context (With); platform/grpcclient sends the mark
// as metadata; the service reads it (Requested) and skips its cache for
// that read.
package freshread

import (
	"context"

	"google.golang.org/grpc/metadata"
)

// MetadataKey carries the mark on a call.
const MetadataKey = "x-seoul-fresh-read"

type markKey struct{}

// With marks ctx: calls made on it ask for a fresh read.
func With(ctx context.Context) context.Context { return context.WithValue(ctx, markKey{}, true) }

// Marked reports whether calls on ctx ask for a fresh read (the client side).
func Marked(ctx context.Context) bool { v, _ := ctx.Value(markKey{}).(bool); return v }

// Requested reports whether the call being served asked for a fresh read
// (the server side).
func Requested(ctx context.Context) bool {
	return len(metadata.ValueFromIncomingContext(ctx, MetadataKey)) > 0
}
