// Package api is the web front's typed client of the suite's REST edge. It
// calls the edge over HTTP exactly as any other client of the public API
// would — with the signed-in visitor's own bearer token, in the visitor's
// language — and decodes answers with protojson into the generated types of
// gen/, so every field the pages use is checked by the compiler. The web
// front never reaches a database or a service directly.
//
// Calls live in one file per service (content.go, board.go, ...), so a
// change to a service's API touches one file here.
package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// maxAnswer bounds what the client reads from one answer of the edge.
const maxAnswer = 8 << 20

var (
	unmarshal = protojson.UnmarshalOptions{DiscardUnknown: true}
	// Bodies use the proto field names, as the edge's own answers do, and
	// leave zero values out: the edge reads a PATCH body's fields as the
	// update mask, so only what the form changed may appear.
	marshal = protojson.MarshalOptions{UseProtoNames: true}
)

// Client calls one REST edge.
type Client struct {
	base string
	http *http.Client
}

// New returns a client of the edge at base (e.g. "http://127.0.0.1:8080").
func New(base string, timeout time.Duration) *Client {
	return &Client{base: strings.TrimRight(base, "/"), http: &http.Client{Timeout: timeout}}
}

// Caller is the client acting for one visitor.
type Caller struct {
	c         *Client
	token     string
	lang      string
	requestID string
}

// As returns a caller with the visitor's bearer token ("" for the
// anonymous public), language (sent as Accept-Language, so the edge's
// messages come in it) and the request id to carry for the logs.
func (c *Client) As(token, lang, requestID string) *Caller {
	return &Caller{c: c, token: token, lang: lang, requestID: requestID}
}

// SignedIn tells whether the caller carries a token.
func (k *Caller) SignedIn() bool { return k.token != "" }

// get sends in as the query string (without the fields the path carries).
func (k *Caller) get(ctx context.Context, path string, in, out proto.Message, pathFields ...string) error {
	q, err := Query(in, pathFields...)
	if err != nil {
		return err
	}
	return k.do(ctx, http.MethodGet, path, q, nil, "", out)
}

// send sends body as the JSON body of a POST or PUT.
func (k *Caller) send(ctx context.Context, method, path string, body, out proto.Message) error {
	raw, err := marshal.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode %T: %w", body, err)
	}
	return k.do(ctx, method, path, nil, raw, "", out)
}

// patch sends the new values of the fields mask names (as ?update_mask=,
// so a field emptied on purpose is changed too, although JSON leaves an
// empty value out); a non-empty etag makes the change conditional
// (If-Match), so an edit made meanwhile is refused, not overwritten.
func (k *Caller) patch(ctx context.Context, path string, q url.Values, changed proto.Message, mask *fieldmaskpb.FieldMask, etag string, out proto.Message) error {
	raw, err := marshal.Marshal(changed)
	if err != nil {
		return fmt.Errorf("encode %T: %w", changed, err)
	}
	if q == nil {
		q = url.Values{}
	}
	if paths := mask.GetPaths(); len(paths) > 0 {
		q.Set("update_mask", strings.Join(paths, ","))
	}
	return k.do(ctx, http.MethodPatch, path, q, raw, etag, out)
}

func (k *Caller) do(ctx context.Context, method, path string, q url.Values, body []byte, etag string, out proto.Message) error {
	raw, err := k.roundTrip(ctx, method, path, q, body, etag)
	if err != nil || out == nil {
		return err
	}
	if err := unmarshal.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("decode %s %s into %T: %w", method, path, out, err)
	}
	return nil
}

// roundTrip sends one request and returns the body of a 2xx answer; any
// other answer is an *Error.
func (k *Caller) roundTrip(ctx context.Context, method, path string, q url.Values, body []byte, etag string) ([]byte, error) {
	u := k.c.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, err
	}
	k.header(req, body != nil, etag)
	resp, err := k.c.http.Do(req)
	if err != nil {
		return nil, unreachable(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, unreachable(err)
	}
	if resp.StatusCode/100 != 2 {
		return nil, decodeError(resp, raw)
	}
	return raw, nil
}

func (k *Caller) header(req *http.Request, hasBody bool, etag string) {
	h := req.Header
	h.Set("Accept", "application/json")
	if hasBody {
		h.Set("Content-Type", "application/json")
	}
	if k.token != "" {
		h.Set("Authorization", "Bearer "+k.token)
	}
	if k.lang != "" {
		h.Set("Accept-Language", k.lang)
	}
	if k.requestID != "" {
		h.Set("X-Request-Id", k.requestID)
	}
	if etag != "" {
		h.Set("If-Match", `"`+strings.Trim(etag, `"`)+`"`)
	}
}

// seg escapes one path segment (an id a visitor could have typed).
func seg(s string) string { return url.PathEscape(s) }
