// Package grpcclient dials other services of the suite with the same
// conventions as the server side: request id and the caller's bearer token
// forwarded, mutual TLS when configured (the callee learns who called from
// the certificate, never from a header), tracing, keepalive, and retries
// only for methods whose proto declares them idempotent
// (idempotency_level), so a retry never doubles an effect.
package grpcclient

import (
	"context"
	"crypto/tls"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/seoul-gov/homepage/platform/clients"
	"github.com/seoul-gov/homepage/platform/freshread"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/locale"
	"github.com/seoul-gov/homepage/platform/logging"
	"github.com/seoul-gov/homepage/platform/tracing"
)

// Dial connects to target ("host:port", "dns:///name:port", or several
// "host:port" separated by commas: replicas on one machine), in plaintext
// unless extra holds WithTLS. Calls are spread over every address the
// target resolves to (round robin). Connections are lazy: Dial does not
// block on the peer being up.
func Dial(target string, extra ...grpc.DialOption) (*grpc.ClientConn, error) {
	target, listed := addressList(target)
	opts := append(tracing.DialOptions(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second, Timeout: 10 * time.Second, PermitWithoutStream: true}),
		grpc.WithDefaultServiceConfig(`{"loadBalancingConfig":[{"round_robin":{}}]}`),
		// gRPC's default reconnect backoff grows to 120 s, so a peer back
		// from a restart could stay unused (calls failing Unavailable) for
		// minutes; inside one cluster a reconnect attempt every few seconds
		// at most is cheap.
		grpc.WithConnectParams(grpc.ConnectParams{MinConnectTimeout: 5 * time.Second,
			Backoff: backoff.Config{BaseDelay: 100 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2, MaxDelay: 3 * time.Second}}),
		// One interceptor, not a chain of two: every link of a chain is a
		// closure allocated per call.
		grpc.WithChainUnaryInterceptor(propagateAndRetry(3)),
	)
	opts = append(opts, listed...)
	return grpc.NewClient(target, append(opts, extra...)...)
}

// addressList turns "host:port,host:port" into a target resolved to exactly
// those addresses (Kubernetes resolves a headless Service's name to its
// pods instead; make run lists its replicas' ports). Any other target is
// left to gRPC's resolvers.
func addressList(target string) (string, []grpc.DialOption) {
	if !strings.Contains(target, ",") {
		return target, nil
	}
	var addrs []resolver.Address
	for _, a := range strings.Split(target, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, resolver.Address{Addr: a})
		}
	}
	r := manual.NewBuilderWithScheme("seoul-replicas")
	r.InitialState(resolver.State{Addresses: addrs})
	return r.Scheme() + ":///" + addrs[0].Addr, []grpc.DialOption{grpc.WithResolvers(r)}
}

// WithTLS makes the connection mutual TLS with cfg (mtls.ClientConfig);
// nil keeps plaintext. It overrides Dial's plaintext default.
func WithTLS(cfg *tls.Config) grpc.DialOption {
	if cfg == nil {
		return grpc.EmptyDialOption{}
	}
	return grpc.WithTransportCredentials(credentials.NewTLS(cfg))
}

// propagate forwards the request id, the caller's language (so errors of
// the services it reaches are in it too), a fresh read's mark
// (platform/freshread) and the caller's authorization
// (its token, or the API key a machine client called with). It
// sends no claim about the calling service: the callee takes that from the
// verified certificate or token.
func propagate(ctx context.Context) context.Context {
	// Room for every pair on the stack: AppendToOutgoingContext copies them.
	var room [10]string
	pairs := room[:0]
	if freshread.Marked(ctx) {
		pairs = append(pairs, freshread.MetadataKey, "1")
	}
	if id := logging.RequestID(ctx); id != "" {
		pairs = append(pairs, "x-request-id", id)
	}
	if lang := locale.AcceptLanguage(ctx); lang != "" {
		pairs = append(pairs, locale.MetadataKey, lang)
	}
	// The incoming metadata is read by key: copying it whole
	// (FromIncomingContext) would cost every key's values on every call.
	if auth := metadata.ValueFromIncomingContext(ctx, "authorization"); len(auth) > 0 {
		if out, _ := metadata.FromOutgoingContext(ctx); len(out.Get("authorization")) == 0 {
			pairs = append(pairs, "authorization", auth[0])
			// The person a machine client calls for goes with its
			// token, as the server admitted it.
			if subject := identity.OnBehalfOf(ctx); subject != "" {
				pairs = append(pairs, identity.MetadataOnBehalfOf, subject)
			}
		}
	} else if key := metadata.ValueFromIncomingContext(ctx, clients.MetadataAPIKey); len(key) > 0 {
		// A machine client that called with its API key calls on with it.
		if out, _ := metadata.FromOutgoingContext(ctx); len(out.Get("authorization")) == 0 {
			pairs = append(pairs, clients.MetadataAPIKey, key[0])
		}
	}
	if len(pairs) > 0 {
		ctx = metadata.AppendToOutgoingContext(ctx, pairs...)
	}
	return ctx
}

// WithToken makes calls on ctx carry token instead of the forwarded one.
func WithToken(ctx context.Context, token string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
}

// OnBehalfOf makes calls on ctx, made with a machine client's token
// (WithToken), name the person the client calls for; the callee admits it
// only in the methods the client's registration lists under on_behalf.
func OnBehalfOf(ctx context.Context, subject string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, identity.MetadataOnBehalfOf, subject)
}

// propagateAndRetry forwards what the callee needs (propagate) and
// retries Unavailable failures of idempotent methods with exponential
// backoff.
func propagateAndRetry(attempts int) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		ctx = propagate(ctx)
		err := invoker(ctx, method, req, reply, cc, opts...)
		if !idempotent(method) {
			return err
		}
		backoff := 50 * time.Millisecond
		for i := 1; i < attempts && status.Code(err) == codes.Unavailable; i++ {
			select {
			case <-ctx.Done():
				return err
			case <-time.After(backoff):
			}
			backoff *= 2
			err = invoker(ctx, method, req, reply, cc, opts...)
		}
		return err
	}
}

// idempotentMethods keeps idempotent's answer per method: finding the
// descriptor by name costs its name's conversions on every call. Methods
// are the ones the binary's code calls, so it stays small.
var idempotentMethods sync.Map // full method → bool

// idempotent reads the method's idempotency_level from the proto registry.
func idempotent(fullMethod string) bool {
	if v, ok := idempotentMethods.Load(fullMethod); ok {
		return v.(bool)
	}
	v := declaredIdempotent(fullMethod)
	idempotentMethods.Store(fullMethod, v)
	return v
}

func declaredIdempotent(fullMethod string) bool {
	// "/pkg.Service/Method" → "pkg.Service.Method"
	if len(fullMethod) < 2 {
		return false
	}
	name := []byte(fullMethod[1:])
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' {
			name[i] = '.'
			break
		}
	}
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(name))
	if err != nil {
		return false
	}
	md, ok := d.(protoreflect.MethodDescriptor)
	if !ok {
		return false
	}
	opts, _ := md.Options().(*descriptorpb.MethodOptions)
	lvl := opts.GetIdempotencyLevel()
	return lvl == descriptorpb.MethodOptions_NO_SIDE_EFFECTS || lvl == descriptorpb.MethodOptions_IDEMPOTENT
}
