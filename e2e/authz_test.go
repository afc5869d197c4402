package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/dynamicpb"

	_ "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/identity"
)

var updateAuthz = flag.Bool("update-authz", false, "rewrite docs/authorization.md from the authorization matrix")

// authzMethods is every RPC of the suite's services, by "Service/Method".
func authzMethods() map[string]protoreflect.MethodDescriptor {
	out := map[string]protoreflect.MethodDescriptor{}
	protoregistry.GlobalFiles.RangeFiles(func(f protoreflect.FileDescriptor) bool {
		if !strings.HasPrefix(string(f.Package()), "seoul.") {
			return true
		}
		for i := range f.Services().Len() {
			s := f.Services().Get(i)
			for j := range s.Methods().Len() {
				m := s.Methods().Get(j)
				out[string(s.Name())+"/"+string(m.Name())] = m
			}
		}
		return true
	})
	return out
}

// authzService is the suite service serving m ("seoul.board.v1" → board).
func authzService(m protoreflect.MethodDescriptor) string {
	if m.ParentFile().Package() == "seoul.ops.v1" {
		return "mileage" // every service serves it; the rows address mileage's
	}
	return strings.Split(string(m.ParentFile().Package()), ".")[1]
}

// TestAuthorizationMatrixCoversEveryRPC: the matrix has exactly one row
// per RPC of every service, so a new RPC without rows fails here.
func TestAuthorizationMatrixCoversEveryRPC(t *testing.T) {
	methods := authzMethods()
	seen := map[string]bool{}
	for _, r := range authzRows {
		_, ok := methods[r.rpc]
		require.True(t, ok, "row for unknown RPC %s", r.rpc)
		require.False(t, seen[r.rpc], "two rows for %s", r.rpc)
		seen[r.rpc] = true
		require.Len(t, r.expect, len(authzCallers), "%s: one outcome per caller", r.rpc)
		require.Regexp(t, `^[AUDH]+$`, r.expect, r.rpc)
	}
	var missing []string
	for name := range methods {
		if !seen[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	require.Empty(t, missing, "RPCs without rows in the authorization matrix (authz_matrix_test.go)")
}

// TestAuthorizationDocMatchesTheMatrix: docs/authorization.md is the
// matrix rendered (go test ./e2e -run TestAuthorizationDoc -update-authz).
func TestAuthorizationDocMatchesTheMatrix(t *testing.T) {
	path := filepath.Join("..", "docs", "authorization.md")
	doc := renderAuthzDoc()
	if *updateAuthz {
		require.NoError(t, os.WriteFile(path, []byte(doc), 0o644))
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, doc, string(b), "docs/authorization.md is stale: run go test ./e2e -run TestAuthorizationDoc -update-authz")
}

// TestA3_2_A10_1_AuthorizationMatrix drives every cell — every RPC as
// every caller — through the edge and directly over gRPC, and checks the
// outcome the matrix states: allowed (not refused, not hidden, no server
// error), 401, 403 or 404 (hidden: the caller may not know it exists).
func TestA3_2_A10_1_AuthorizationMatrix(t *testing.T) {
	s := suite(t)
	f := sharedAuthzFixture(t, s)
	methods := authzMethods()
	conns := map[string]*grpc.ClientConn{}
	for _, svc := range []string{"content", "board", "petition", "event", "mileage", "privacy", "mail"} {
		cc, err := grpc.NewClient(s.Launch.GRPCAddr(svc), grpc.WithTransportCredentials(insecure.NewCredentials()))
		require.NoError(t, err)
		t.Cleanup(func() { cc.Close() })
		conns[svc] = cc
	}
	verbose := os.Getenv("SEOUL_AUTHZ_VERBOSE") != "" // every answer, to review what "allowed" met
	var wrong []string
	for _, row := range authzRows {
		m := methods[row.rpc]
		edge, direct := []byte(row.expect), []byte(row.expect)
		for _, i := range refusedFirst(row.expect) {
			c, want := authzCallers[i], row.expect[i]
			got, detail := f.callEdge(t, m, c, row.req(f, c.key))
			if verbose {
				t.Logf("%s as %s: %s", row.rpc, c.key, detail)
			}
			if edge[i] = got; got != want {
				wrong = append(wrong, fmt.Sprintf("%s as %s through the edge: want %c, got %c (%s)", row.rpc, c.key, want, got, detail))
			}
			got, detail = f.callGRPC(t, conns[authzService(m)], m, c, row.req(f, c.key))
			if direct[i] = got; got != want {
				wrong = append(wrong, fmt.Sprintf("%s as %s over gRPC: want %c, got %c (%s)", row.rpc, c.key, want, got, detail))
			}
		}
		if string(edge) != row.expect || string(direct) != row.expect {
			t.Logf("%-45s want %s edge %s grpc %s", row.rpc, row.expect, edge, direct)
		}
	}
	if len(wrong) > 0 {
		t.Fatalf("%d cells differ from the matrix:\n%s", len(wrong), strings.Join(wrong, "\n"))
	}
}

// refusedFirst orders a row's callers so that those refused come before
// those allowed: an allowed call may change the resource (archive it,
// withdraw it), and the refusals are checked against it as it was.
func refusedFirst(expect string) []int {
	var refused, allowed []int
	for i := range expect {
		if expect[i] == 'A' {
			allowed = append(allowed, i)
		} else {
			refused = append(refused, i)
		}
	}
	return append(refused, allowed...)
}

var (
	authzOnce    sync.Once
	authzShared  *authzFixture
	authzFailure bool
)

// sharedAuthzFixture builds the matrix's fixture once for the tests that
// address it (building it takes a participation event's entry period).
func sharedAuthzFixture(t *testing.T, s *Suite) *authzFixture {
	authzOnce.Do(func() {
		authzFailure = true
		authzShared = newAuthzFixture(t, s)
		authzFailure = false
	})
	if authzFailure {
		t.Fatal("the authorization fixture could not be built (see the first test that built it)")
	}
	authzShared.t = t
	return authzShared
}

// TestA10_1_ForgedPageTokensAreBadRequestInEveryList: in every list of the
// suite (every RPC taking a page_token), a token the service did not make
// is a 400 naming page_token, never a 500 (a forged position once
// overflowed a query parameter) and never a page.
func TestA10_1_ForgedPageTokensAreBadRequestInEveryList(t *testing.T) {
	s := suite(t)
	f := sharedAuthzFixture(t, s)
	methods := authzMethods()
	forged := []string{"%%%not-base64", "eyJiIjo5MjIzMzcyMDM2ODU0Nzc1ODA3fQ", "eyJpIjoibm90LWFuLWlkIn0", "bnVsbA"}
	lists := 0
	for _, row := range authzRows {
		m := methods[row.rpc]
		if m.Input().Fields().ByName("page_token") == nil {
			continue
		}
		lists++
		c := authzCallers[strings.IndexByte(row.expect, 'A')]
		for _, tok := range forged {
			fields := row.req(f, c.key)
			fields["page_token"] = tok
			verb, path, body := httpRequest(m, fields)
			r := f.clients[c.key].Do(t, verb, path, body)
			require.Equal(t, 400, r.Status, "%s as %s with %q: %s", row.rpc, c.key, tok, r.Body)
			require.Contains(t, r.Violations(t), "page_token", "%s: %s", row.rpc, r.Body)
		}
	}
	require.GreaterOrEqual(t, lists, 19, "every list of the suite was tried")
}

// outcome classifies an HTTP status as a matrix cell: A allowed (past
// authorization, whatever the state or input said), U 401, D 403, H 404,
// E a server error (never expected).
func outcome(status int) byte {
	switch {
	case status == 401:
		return 'U'
	case status == 403:
		return 'D'
	case status == 404:
		return 'H'
	case status >= 500:
		return 'E'
	}
	return 'A'
}

func grpcOutcome(err error) byte {
	switch status.Code(err) {
	case codes.Unauthenticated:
		return 'U'
	case codes.PermissionDenied:
		return 'D'
	case codes.NotFound:
		return 'H'
	case codes.Internal, codes.Unknown, codes.Unavailable, codes.DataLoss, codes.Unimplemented:
		return 'E'
	}
	return 'A'
}

var pathParam = regexp.MustCompile(`\{([a-z_.]+)(=[^}]*)?\}`)

// httpRequest turns a request's fields (JSON names as in the proto) into
// the method, path and body of the method's google.api.http route.
func httpRequest(m protoreflect.MethodDescriptor, fields map[string]any) (string, string, any) {
	rule := proto.GetExtension(m.Options(), annotations.E_Http).(*annotations.HttpRule)
	verb, tmpl := "GET", rule.GetGet()
	for v, p := range map[string]string{"POST": rule.GetPost(), "PUT": rule.GetPut(), "PATCH": rule.GetPatch(), "DELETE": rule.GetDelete()} {
		if p != "" {
			verb, tmpl = v, p
		}
	}
	rest := map[string]any{}
	for k, v := range fields {
		rest[k] = v
	}
	path := pathParam.ReplaceAllStringFunc(tmpl, func(p string) string {
		name := pathParam.FindStringSubmatch(p)[1]
		v := fmt.Sprint(rest[name])
		delete(rest, name)
		return url.PathEscape(v)
	})
	var body any
	switch rule.GetBody() {
	case "*":
		body, rest = rest, nil
	case "":
	default:
		body = rest[rule.GetBody()]
		delete(rest, rule.GetBody())
	}
	if q := query(rest); q != "" {
		path += "?" + q
	}
	if body == nil && verb != "GET" && verb != "DELETE" {
		body = map[string]any{}
	}
	return verb, path, body
}

// query encodes the scalar and repeated scalar fields of a GET.
func query(fields map[string]any) string {
	v := url.Values{}
	for k, x := range fields {
		switch x := x.(type) {
		case []string:
			for _, e := range x {
				v.Add(k, e)
			}
		case map[string]any:
			for sub, e := range x {
				v.Add(k+"."+sub, fmt.Sprint(e))
			}
		default:
			v.Add(k, fmt.Sprint(x))
		}
	}
	return v.Encode()
}

func (f *authzFixture) callEdge(t *testing.T, m protoreflect.MethodDescriptor, c authzCaller, fields map[string]any) (byte, string) {
	if geo, ok := geoRoutes[string(m.Name())]; ok {
		verb, path := geo(fields)
		r := f.clients[c.key].Do(t, verb, path, nil)
		return geoOutcome(string(m.Name()), r.Status, r.Body), fmt.Sprintf("%s %s → %d %.200s", verb, path, r.Status, r.Body)
	}
	verb, path, body := httpRequest(m, fields)
	r := f.clients[c.key].Do(t, verb, path, body)
	return outcome(r.Status), fmt.Sprintf("%s %s → %d %.200s", verb, path, r.Status, r.Body)
}

func (f *authzFixture) callGRPC(t *testing.T, cc *grpc.ClientConn, m protoreflect.MethodDescriptor, c authzCaller, fields map[string]any) (byte, string) {
	req := dynamicpb.NewMessage(m.Input())
	raw, err := json.Marshal(fields)
	require.NoError(t, err)
	require.NoError(t, protojson.Unmarshal(raw, req), "%s: %s", m.FullName(), raw)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if tok := f.tokens[c.key]; tok != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
	}
	method := "/" + string(m.Parent().FullName()) + "/" + string(m.Name())
	err = cc.Invoke(ctx, method, req, dynamicpb.NewMessage(m.Output()))
	return grpcOutcome(err), fmt.Sprintf("%s → %v", method, err)
}

// authzCaller is one column of the matrix.
type authzCaller struct {
	key, doc string
	claims   identity.Claims
}

// authzRow is one RPC's row: the outcome for each caller, in the order of
// authzCallers (A allowed, U 401, D 403, H 404), and the request each
// caller sends (fields by their proto names, path parameters included).
type authzRow struct {
	rpc    string
	expect string
	req    func(f *authzFixture, caller string) map[string]any
	note   string
}

// renderAuthzDoc renders the matrix as docs/authorization.md.
func renderAuthzDoc() string {
	var b strings.Builder
	b.WriteString(`# Authorization matrix

Who may call which RPC, as one table in code (` + "`e2e/authz_matrix_test.go`" + `), rendered here by
` + "`go test ./e2e -run TestAuthorizationDoc -update-authz`" + ` and checked against it in CI.
` + "`TestA3_2_A10_1_AuthorizationMatrix`" + ` drives every cell through the REST edge and directly over
gRPC; ` + "`TestAuthorizationMatrixCoversEveryRPC`" + ` fails when an RPC has no row.

| Mark | Outcome |
|---|---|
| ✓ | allowed: past authorization (the answer may still be 400 or 409 for the input or the state) |
| 401 | Unauthenticated: sign in |
| 403 | PermissionDenied |
| 404 | NotFound: the caller may not learn that the resource exists |

Callers: `)
	for i, c := range authzCallers {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "**%s** (%s)", c.key, c.doc)
	}
	b.WriteString(`. The holding department is SMG-CIVIL: it holds the fixture's complaint (as the Mayor's
office, until it is assigned), publishes the item, operates the board, runs the participation
event and the mileage programme. Machine clients are those of ` + "`deploy/local/launcher/clients.json`" + `;
an RPC off a client's list is 403 in every service.
`)
	service := ""
	for _, r := range authzRows {
		svc, method, _ := strings.Cut(r.rpc, "/")
		if svc != service {
			service = svc
			fmt.Fprintf(&b, "\n## %s\n\n| RPC |", svc)
			for _, c := range authzCallers {
				fmt.Fprintf(&b, " %s |", c.key)
			}
			b.WriteString("\n|---|" + strings.Repeat("---|", len(authzCallers)) + "\n")
		}
		fmt.Fprintf(&b, "| %s |", method)
		for i := range r.expect {
			fmt.Fprintf(&b, " %s |", map[byte]string{'A': "✓", 'U': "401", 'D': "403", 'H': "404"}[r.expect[i]])
		}
		b.WriteString("\n")
	}
	return b.String()
}
