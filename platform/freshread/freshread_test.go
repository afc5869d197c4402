package freshread_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/metadata"

	"github.com/seoul-gov/homepage/platform/freshread"
)

func TestMarkTravelsAsMetadata(t *testing.T) {
	ctx := context.Background()
	require.False(t, freshread.Marked(ctx))
	require.True(t, freshread.Marked(freshread.With(ctx)))
	require.False(t, freshread.Requested(ctx))
	in := metadata.NewIncomingContext(ctx, metadata.Pairs(freshread.MetadataKey, "1"))
	require.True(t, freshread.Requested(in))
}
