package edge

import (
	"context"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
)

// deadLetterRouter sends each dead-letter call to the service named by its
// {service} path segment: every service serves seoul.ops.v1's
// DeadLetterService for its own consumers (platform/deadletter), so one
// set of routes reaches all of them.
type deadLetterRouter map[string]opsv1.DeadLetterServiceClient

// mountDeadLetters registers the dead-letter routes over conns.
func mountDeadLetters(mux *runtime.ServeMux, conns []upstreamConn) error {
	r := deadLetterRouter{}
	for _, c := range conns {
		r[c.name] = opsv1.NewDeadLetterServiceClient(c.cc)
	}
	return opsv1.RegisterDeadLetterServiceHandlerClient(context.Background(), mux, r)
}

func (r deadLetterRouter) pick(service string) (opsv1.DeadLetterServiceClient, error) {
	if c, ok := r[service]; ok {
		return c, nil
	}
	return nil, status.Errorf(codes.NotFound, "no service named %q behind the edge", service)
}

func (r deadLetterRouter) ListDeadLetters(ctx context.Context, in *opsv1.ListDeadLettersRequest, opts ...grpc.CallOption) (*opsv1.ListDeadLettersResponse, error) {
	c, err := r.pick(in.GetService())
	if err != nil {
		return nil, err
	}
	return c.ListDeadLetters(ctx, in, opts...)
}

func (r deadLetterRouter) GetDeadLetter(ctx context.Context, in *opsv1.GetDeadLetterRequest, opts ...grpc.CallOption) (*opsv1.GetDeadLetterResponse, error) {
	c, err := r.pick(in.GetService())
	if err != nil {
		return nil, err
	}
	return c.GetDeadLetter(ctx, in, opts...)
}

func (r deadLetterRouter) ReplayDeadLetter(ctx context.Context, in *opsv1.ReplayDeadLetterRequest, opts ...grpc.CallOption) (*opsv1.ReplayDeadLetterResponse, error) {
	c, err := r.pick(in.GetService())
	if err != nil {
		return nil, err
	}
	return c.ReplayDeadLetter(ctx, in, opts...)
}

func (r deadLetterRouter) ReplayDeadLetters(ctx context.Context, in *opsv1.ReplayDeadLettersRequest, opts ...grpc.CallOption) (*opsv1.ReplayDeadLettersResponse, error) {
	c, err := r.pick(in.GetService())
	if err != nil {
		return nil, err
	}
	return c.ReplayDeadLetters(ctx, in, opts...)
}
