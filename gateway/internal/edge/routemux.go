package edge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// binding names one route of a generated handler: its RPC as grpc-gateway
// calls it (/seoul.content.v1.ContentService/GetItem) and its path
// template as the proto writes it (/v1/items/{item_id}).
type binding struct{ rpc, path string }

// handlersOf registers an upstream's routes (register, over cc) on a mux of
// their own from newMux and returns the handler grpc-gateway generated for
// each binding, in the order they were registered, so muxIndex can mount
// them on muxes of a few routes each. The generated code registers
// handlers without naming them, so the same registration is made on a
// second mux whose metadata annotator stops each handler as it is tried
// (before it reads the request or calls anything) and says which binding
// it serves: both registrations run the same code, so the n-th handler of
// one serves the binding of the n-th of the other.
func handlersOf(newMux func(...runtime.ServeMuxOption) *runtime.ServeMux, register registerFunc,
	cc *grpc.ClientConn) ([]binding, []runtime.HandlerFunc, error) {
	var handlers, probes []runtime.HandlerFunc
	keep := func(into *[]runtime.HandlerFunc) runtime.Middleware {
		return func(next runtime.HandlerFunc) runtime.HandlerFunc {
			*into = append(*into, next)
			return next
		}
	}
	if err := register(context.Background(), newMux(runtime.WithMiddlewares(keep(&handlers))), cc); err != nil {
		return nil, nil, err
	}
	probe := newMux(runtime.WithMiddlewares(keep(&probes)), runtime.WithMetadata(identify))
	if err := register(context.Background(), probe, cc); err != nil {
		return nil, nil, err
	}
	if len(probes) != len(handlers) {
		return nil, nil, fmt.Errorf("%d handlers registered, then %d", len(handlers), len(probes))
	}
	bindings := make([]binding, len(probes))
	for i, h := range probes {
		b, err := bindingOfHandler(h)
		if err != nil {
			return nil, nil, err
		}
		bindings[i] = b
	}
	return bindings, handlers, nil
}

// identify is the probe's metadata annotator: it runs inside the
// generated handler's runtime.AnnotateContext, which has put the binding in
// ctx, and stops the handler there.
func identify(ctx context.Context, _ *http.Request) metadata.MD {
	rpc, _ := runtime.RPCMethod(ctx)
	path, _ := runtime.HTTPPathPattern(ctx)
	panic(binding{rpc, path})
}

// bindingOfHandler runs a probe's handler until identify stops it.
func bindingOfHandler(h runtime.HandlerFunc) (b binding, err error) {
	defer func() {
		p := recover()
		got, ok := p.(binding)
		if !ok {
			if p != nil {
				panic(p)
			}
			err = errors.New("a generated handler ran without annotating its context")
			return
		}
		b = got
	}()
	r := (&http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/"}, Header: http.Header{}, Body: http.NoBody}).
		WithContext(context.Background())
	h(discard{}, r, map[string]string{})
	return b, nil
}

// discard is a ResponseWriter for probes, which never get to write.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

// keyMuxes mounts an upstream's generated handlers on one mux per routeKey
// (newMux's, middlewares included), each in its order of registration, so
// the patterns that could match a path are tried in the order the service's
// own mux tries them and no other is. ok is false when a binding is not in
// the route table.
func keyMuxes(newMux func(...runtime.ServeMuxOption) *runtime.ServeMux, t *routeTable, bindings []binding,
	handlers []runtime.HandlerFunc) (map[routeKey]*runtime.ServeMux, error) {
	out := map[routeKey]*runtime.ServeMux{}
	for i, b := range bindings {
		rt := t.byBinding(b)
		if rt == nil {
			return nil, fmt.Errorf("binding %s %s is not in the route table", b.rpc, b.path)
		}
		k, ok := templateKey(rt.key)
		if !ok {
			return nil, fmt.Errorf("route %s has no key", rt.key)
		}
		m := out[k]
		if m == nil {
			m = newMux()
			out[k] = m
		}
		if err := m.HandlePath(rt.method, b.path, handlers[i]); err != nil {
			return nil, fmt.Errorf("mount %s %s: %w", rt.method, b.path, err)
		}
	}
	return out, nil
}

// byBinding finds a generated handler's route by its RPC and template.
func (t *routeTable) byBinding(b binding) *rpcRoute {
	rpc := protoreflect.FullName(strings.ReplaceAll(strings.TrimPrefix(b.rpc, "/"), "/", "."))
	for i := range t.routes {
		if r := &t.routes[i]; r.rpc == rpc && r.path == b.path {
			return r
		}
	}
	return nil
}
