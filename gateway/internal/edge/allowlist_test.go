package edge

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Every entry of the cache's allow-list is a read: a GET route of an RPC
// declared free of side effects, owned by one of the suite's services. A
// renamed RPC fails here instead of silently leaving the cache.
func TestCacheAllowListNamesOnlyReads(t *testing.T) {
	t.Parallel()
	found := map[protoreflect.FullName]string{}
	for _, r := range loadRoutes().routes {
		if publicReads[r.rpc] {
			require.Equal(t, "GET", r.method, r.rpc)
			found[r.rpc] = r.service
		}
	}
	for name := range publicReads {
		require.Contains(t, found, name, "no GET route")
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(name)
		require.NoError(t, err)
		opts := d.(protoreflect.MethodDescriptor).Options().(*descriptorpb.MethodOptions)
		require.Equal(t, descriptorpb.MethodOptions_NO_SIDE_EFFECTS, opts.GetIdempotencyLevel(), name)
	}
	require.Equal(t, "content", found["seoul.content.v1.ContentService.GetItem"])
	require.Equal(t, "event", found["seoul.event.v1.ParticipationEventService.ListWinners"])
}
