package edge_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/gateway/internal/edge"
	"github.com/seoul-gov/homepage/gateway/internal/open311"
	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	opsv1 "github.com/seoul-gov/homepage/gen/seoul/ops/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/logging"
)

const (
	testIssuer   = "https://id.seoul.test"
	testAudience = "seoul-homepage"
)

// upstreamNames are the services behind the edge, in table order.
var upstreamNames = []string{"content", "board", "petition", "event", "mileage", "privacy", "mail"}

// fakeContent answers ListDepartments and remembers the metadata of the
// last call, so tests can see what the edge forwarded.
type fakeContent struct {
	contentv1.UnimplementedContentServiceServer
	mu    sync.Mutex
	calls int
	md    metadata.MD
	req   proto.Message
	// itemSlug is the slug GetItem answers ("s" when unset), itemReads
	// how often it was asked.
	itemSlug  string
	itemReads int
}

func (f *fakeContent) ListDepartments(ctx context.Context, _ *contentv1.ListDepartmentsRequest) (*contentv1.ListDepartmentsResponse, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	f.mu.Lock()
	f.calls++
	f.md = md.Copy()
	f.mu.Unlock()
	return &contentv1.ListDepartmentsResponse{Departments: []*contentv1.Department{
		{Code: "D100", NameKo: "기획조정실", NameEn: "Planning and Coordination Office"},
	}}, nil
}

// fakeItem is the item the fake content service holds: its etag is "8".
const fakeItemEtag = "8"

// UpdateItem records the request and refuses a stale etag as the real
// service does (ABORTED).
func (f *fakeContent) UpdateItem(_ context.Context, req *contentv1.UpdateItemRequest) (*contentv1.Item, error) {
	f.record(req)
	if req.GetEtag() != "" && req.GetEtag() != fakeItemEtag {
		st, err := status.New(codes.Aborted, "stale etag").WithDetails(&errdetails.ErrorInfo{Reason: "ETAG_MISMATCH"})
		if err != nil {
			return nil, err
		}
		return nil, st.Err()
	}
	if req.GetItem().GetSlug() == "Bad Slug" {
		st, err := status.New(codes.InvalidArgument, "invalid argument").WithDetails(&errdetails.BadRequest{
			FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "item.slug", Description: "not a slug"},
				{Field: "change_note", Description: "too long"}}})
		if err != nil {
			return nil, err
		}
		return nil, st.Err()
	}
	return &contentv1.Item{Id: req.GetItemId(), Etag: "9"}, nil
}

func (f *fakeContent) PublishItem(_ context.Context, req *contentv1.PublishItemRequest) (*contentv1.PublishItemResponse, error) {
	f.record(req)
	return &contentv1.PublishItemResponse{Item: &contentv1.Item{Id: req.GetItemId(), Etag: "9"}}, nil
}

func (f *fakeContent) GetItem(_ context.Context, req *contentv1.GetItemRequest) (*contentv1.Item, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.itemReads++
	slug := f.itemSlug
	if slug == "" {
		slug = "s"
	}
	return &contentv1.Item{Id: req.GetItemId(), Slug: slug, Etag: fakeItemEtag}, nil
}

// setItemSlug changes the item behind the edge's back (no event, no call
// through the edge).
func (f *fakeContent) setItemSlug(slug string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.itemSlug = slug
}

func (f *fakeContent) itemReadCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.itemReads
}

func (f *fakeContent) record(req proto.Message) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.req = proto.Clone(req)
}

// lastRequest is the last request UpdateItem or PublishItem received.
func (f *fakeContent) lastRequest() proto.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.req
}

func (f *fakeContent) last() (int, metadata.MD) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, f.md
}

// fakeBoard refuses ListBoards the way platform/grpcserver reports invalid
// input: InvalidArgument with a google.rpc.BadRequest detail.
type fakeBoard struct {
	boardv1.UnimplementedBoardServiceServer
}

func (fakeBoard) ListBoards(context.Context, *boardv1.ListBoardsRequest) (*boardv1.ListBoardsResponse, error) {
	st, err := status.New(codes.InvalidArgument, "invalid argument").WithDetails(&errdetails.BadRequest{
		FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "page_size", Description: "must be at most 100"}},
	})
	if err != nil {
		return nil, err
	}
	return nil, st.Err()
}

// slowPetition takes as long as its caller lets it, to exercise timeouts
// and draining; "hold" sets how long, and each call is announced on
// arrived (when there is room) so tests know a request is in flight.
type slowPetition struct {
	petitionv1.UnimplementedPetitionServiceServer
	hold    time.Duration
	arrived chan struct{}
}

func (s slowPetition) ListComplaintTypes(ctx context.Context, _ *petitionv1.ListComplaintTypesRequest) (*petitionv1.ListComplaintTypesResponse, error) {
	select {
	case s.arrived <- struct{}{}:
	default:
	}
	select {
	case <-time.After(s.hold):
		return &petitionv1.ListComplaintTypesResponse{}, nil
	case <-ctx.Done():
		return nil, status.FromContextError(ctx.Err()).Err()
	}
}

// upstream is a real in-process gRPC server with the standard health service.
type upstream struct {
	addr   string
	health *health.Server
	srv    *grpc.Server
}

func startUpstream(t testing.TB, register func(*grpc.Server)) *upstream {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	srv := grpc.NewServer()
	hs := health.NewServer() // SERVING for "" from the start
	healthpb.RegisterHealthServer(srv, hs)
	if register != nil {
		register(srv)
	}
	go func() { _ = srv.Serve(holdPort(ln)) }()
	t.Cleanup(srv.Stop)
	return &upstream{addr: ln.Addr().String(), health: hs, srv: srv}
}

// stop takes the upstream down as a crashed service is: its address
// refuses every call. The port stays held until the test ends, so a
// parallel test's server cannot take it and answer in its place.
func (u *upstream) stop() { u.srv.Stop() }

// heldListener hands the server the connections of a listener it does not
// own: the server's Close ends its Accept, while the port stays bound and
// every later connection is closed at once.
type heldListener struct {
	net.Listener
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func holdPort(ln net.Listener) *heldListener {
	h := &heldListener{Listener: ln, conns: make(chan net.Conn), closed: make(chan struct{})}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			select {
			case h.conns <- c:
			case <-h.closed:
				_ = c.Close()
			}
		}
	}()
	return h
}

func (h *heldListener) Accept() (net.Conn, error) {
	select {
	case c := <-h.conns:
		return c, nil
	case <-h.closed:
		return nil, net.ErrClosed
	}
}

func (h *heldListener) Close() error {
	h.once.Do(func() { close(h.closed) })
	return nil
}

// env is an edge in front of six real upstreams.
type env struct {
	t         testing.TB
	cfg       edge.Config
	server    *edge.Server
	handler   http.Handler
	issuer    *identity.Issuer
	content   *fakeContent
	upstreams map[string]*upstream
	logs      *syncBuffer
	// petitionCalls receives a value when a petition call reaches its upstream.
	petitionCalls chan struct{}
}

type option func(*edge.Config)

func newEnv(t testing.TB, opts ...option) *env {
	t.Helper()
	e := &env{t: t, content: &fakeContent{}, upstreams: map[string]*upstream{}, logs: &syncBuffer{},
		petitionCalls: make(chan struct{}, 16)}
	e.startUpstreams(t)
	e.cfg = e.baseConfig(t)
	for _, o := range opts {
		o(&e.cfg)
	}
	log := logging.NewTo(e.logs, e.cfg.Log, "gateway")
	s, err := edge.New(e.cfg, log)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	e.server, e.handler = s, s.Handler()
	return e
}

func (e *env) startUpstreams(t testing.TB) {
	for _, name := range upstreamNames {
		var reg func(*grpc.Server)
		switch name {
		case "content":
			reg = func(s *grpc.Server) { contentv1.RegisterContentServiceServer(s, e.content) }
		case "board":
			reg = func(s *grpc.Server) { boardv1.RegisterBoardServiceServer(s, fakeBoard{}) }
		case "petition":
			reg = func(s *grpc.Server) {
				petitionv1.RegisterPetitionServiceServer(s, geoPetition{slowPetition{hold: 300 * time.Millisecond, arrived: e.petitionCalls}})
			}
		}
		e.upstreams[name] = startUpstream(t, func(s *grpc.Server) {
			if reg != nil {
				reg(s)
			}
			opsv1.RegisterDeadLetterServiceServer(s, fakeDeadLetters{service: name})
		})
	}
}

// baseConfig trusts a fresh issuer whose private key is also on disk for
// the development issuer, as the local launcher arranges it.
func (e *env) baseConfig(t testing.TB) edge.Config {
	dir := t.TempDir()
	iss, err := identity.NewIssuer(testIssuer, testAudience)
	require.NoError(t, err)
	keyFile, jwksFile := filepath.Join(dir, "dev.jwk"), filepath.Join(dir, "jwks.json")
	require.NoError(t, iss.WriteKeyFiles(keyFile, jwksFile))
	e.issuer = iss
	u := e.upstreams
	return edge.Config{
		Log:  config.Log{Format: "json", Level: "info"},
		Auth: config.Auth{Issuer: testIssuer, Audience: testAudience, JWKSFile: jwksFile},
		Upstreams: edge.Upstreams{
			ContentAddr: u["content"].addr, BoardAddr: u["board"].addr, PetitionAddr: u["petition"].addr,
			EventAddr: u["event"].addr, MileageAddr: u["mileage"].addr, PrivacyAddr: u["privacy"].addr,
			MailAddr: u["mail"].addr,
		},
		DevIssuer:             edge.DevIssuer{DevIssuerKeyFile: keyFile},
		Open311:               open311.Config{JurisdictionID: "seoul.go.kr", EndpointType: "test", Contact: "120", KeyService: "ask"},
		HTTPAddr:              "127.0.0.1:0",
		MetricsAddr:           "127.0.0.1:0",
		RateLimitRPS:          1000,
		RateLimitBurst:        1000,
		AddressRateLimitRPS:   1000,
		AddressRateLimitBurst: 1000,
		RequestTimeout:        5 * time.Second,
		ShutdownTimeout:       5 * time.Second,
	}
}

// do sends a request through the edge's handler; headers are name, value pairs.
func (e *env) do(method, path, body string, headers ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return rec
}

// mint returns a token the edge trusts.
func (e *env) mint(c identity.Claims, ttl time.Duration) string {
	e.t.Helper()
	tok, err := e.issuer.Mint(c, ttl)
	require.NoError(e.t, err)
	return tok
}

// decodeError parses the edge's JSON error shape.
func decodeError(t testing.TB, rec *httptest.ResponseRecorder) apierror.Body {
	t.Helper()
	require.Equal(t, "application/json", rec.Header().Get("Content-Type"), rec.Body.String())
	var b apierror.Body
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &b), rec.Body.String())
	return b
}

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
