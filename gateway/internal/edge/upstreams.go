package edge

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	mailv1 "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	mileagev1 "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/grpcclient"
)

// registerFunc is the shape of every generated Register<Svc>Handler: it
// mounts all of a service's annotated routes, so RPCs added to a proto
// reach the edge without touching this file.
type registerFunc func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error

// upstream is one row of the routing table.
type upstream struct {
	name     string
	env      string
	addr     string
	register registerFunc
	// health is the service name asked of grpc.health.v1.Health/Check. The
	// empty name is the server's overall status, which platform/grpcserver
	// ties to all of the service's own readiness checks.
	health string
}

// upstreams is the table of services behind the edge.
func (c *Config) upstreams() []upstream {
	u := c.Upstreams
	return []upstream{
		{"content", "CONTENT_ADDR", u.ContentAddr, contentv1.RegisterContentServiceHandler, ""},
		{"board", "BOARD_ADDR", u.BoardAddr, boardv1.RegisterBoardServiceHandler, ""},
		{"petition", "PETITION_ADDR", u.PetitionAddr, petitionv1.RegisterPetitionServiceHandler, ""},
		{"event", "EVENT_ADDR", u.EventAddr, eventv1.RegisterParticipationEventServiceHandler, ""},
		{"mileage", "MILEAGE_ADDR", u.MileageAddr, mileagev1.RegisterMileageServiceHandler, ""},
		{"privacy", "PRIVACY_ADDR", u.PrivacyAddr, privacyv1.RegisterPrivacyServiceHandler, ""},
		{"mail", "MAIL_ADDR", u.MailAddr, mailv1.RegisterMailServiceHandler, ""},
	}
}

// upstreamNames are the services behind the edge, in table order.
func (c *Config) upstreamNames() []string {
	var out []string
	for _, u := range c.upstreams() {
		out = append(out, u.name)
	}
	return out
}

// upstreamConn is a dialled upstream: one client connection per service,
// shared by all of its routes and by the readiness probe.
type upstreamConn struct {
	name   string
	health string
	cc     *grpc.ClientConn
}

// dialAll opens one lazy connection per upstream (mutual TLS with tlsCfg
// when set) and mounts its routes on mux and on a mux of its own from
// newMux (for muxIndex). Dialling does not wait for the services, so the
// edge starts (and reports not ready) while they are still booting.
func dialAll(mux *runtime.ServeMux, newMux func() *runtime.ServeMux, ups []upstream,
	tlsCfg *tls.Config) ([]upstreamConn, map[string]http.Handler, error) {
	conns := make([]upstreamConn, 0, len(ups))
	own := make(map[string]http.Handler, len(ups))
	for _, u := range ups {
		cc, err := grpcclient.Dial(u.addr, grpcclient.WithTLS(tlsCfg))
		if err != nil {
			return nil, nil, errors.Join(fmt.Errorf("dial %s at %s: %w", u.name, u.addr, err), closeAll(conns))
		}
		conns = append(conns, upstreamConn{name: u.name, health: u.health, cc: cc})
		mine := newMux()
		own[u.name] = mine
		for _, m := range []*runtime.ServeMux{mux, mine} {
			if err := u.register(context.Background(), m, cc); err != nil {
				return nil, nil, errors.Join(fmt.Errorf("register %s routes: %w", u.name, err), closeAll(conns))
			}
		}
	}
	return conns, own, nil
}

func closeAll(conns []upstreamConn) error {
	var all []error
	for _, c := range conns {
		if err := c.cc.Close(); err != nil {
			all = append(all, fmt.Errorf("close %s connection: %w", c.name, err))
		}
	}
	return errors.Join(all...)
}
