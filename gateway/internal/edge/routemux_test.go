package edge

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// Every upstream's generated handlers are named and mounted on the muxes
// of their keys (none falls back to its service's one mux), without a call
// to the service: the probe stops each handler before it reads the request.
func TestEveryRouteIsMountedOnTheMuxOfItsKey(t *testing.T) {
	t.Parallel()
	s := &Server{routes: loadRoutes()}
	cc, err := grpc.NewClient("passthrough:///nowhere.invalid:1", grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = cc.Close() })
	for _, u := range (&Config{}).upstreams() {
		bindings, handlers, err := handlersOf(s.newGatewayMux, u.register, cc)
		require.NoError(t, err, u.name)
		byKey, err := keyMuxes(s.newGatewayMux, s.routes, bindings, handlers)
		require.NoError(t, err, u.name)
		owned := 0
		for _, r := range s.routes.routes {
			if r.service == u.name {
				owned++
				k, ok := templateKey(r.key)
				require.True(t, ok)
				require.NotNil(t, byKey[k], "%s %s", r.method, r.key)
			}
		}
		require.Len(t, bindings, owned, "%s: a handler per binding", u.name)
	}
}
