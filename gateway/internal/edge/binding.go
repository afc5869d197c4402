package edge

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/seoul-gov/homepage/gateway/internal/forwarding"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/fieldmask"
)

// Request fields the edge fills from HTTP conventions.
const (
	maskField = "update_mask"
	etagField = "etag"
)

// bindRequest adapts HTTP conventions to the matched RPC's request before
// grpc-gateway decodes it:
//   - a route whose path variable is empty does not exist (GET /v1/boards/
//     is 404, not a request for board "");
//   - If-Match becomes the request's etag (AIP-154);
//   - a PATCH changes only the fields present in its body: they become the
//     update_mask (AIP-134) unless the client sent one as a query parameter.
func (s *Server) bindRequest(next runtime.HandlerFunc) runtime.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		for _, v := range params {
			if v == "" {
				s.writeRoutingError(r.Context(), nil, nil, w, r, http.StatusNotFound)
				return
			}
		}
		if rt := s.matchedRoute(r); rt != nil && rt.input != nil {
			r = forwarding.WithoutClientAddress(r)
			if err := bind(r, rt); err != nil {
				s.writeGatewayError(r.Context(), nil, nil, w, r, err)
				return
			}
		}
		next(w, r, params)
	}
}

func bind(r *http.Request, rt *rpcRoute) error {
	var body []byte
	hadBody := r.Body != nil && r.Body != http.NoBody
	if hadBody {
		b, err := io.ReadAll(r.Body)
		if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
			return &runtime.HTTPStatusError{HTTPStatus: http.StatusRequestEntityTooLarge,
				Err: errs.E(errs.KindInvalid, "BODY_TOO_LARGE", "max", tooLarge.Limit)}
		}
		if err != nil {
			return errs.Wrap(errs.KindInvalid, err, "BODY_UNREADABLE")
		}
		body = b
	}
	if err := checkTimes(rt, body); err != nil {
		return err
	}
	body, err := bindEtag(r, rt, body)
	if err != nil {
		return err
	}
	if err := bindMask(r, rt, body); err != nil {
		return err
	}
	if body == nil && !hadBody {
		// Still none (a GET): nothing to put back.
		r.Body = http.NoBody
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return nil
}

// bindEtag puts the If-Match etag where the route reads its etag field:
// into the JSON body for body "*", else into the query.
func bindEtag(r *http.Request, rt *rpcRoute, body []byte) ([]byte, error) {
	header := strings.TrimSpace(r.Header.Get("If-Match"))
	if header == "" || header == "*" || r.Method == http.MethodGet {
		return body, nil
	}
	fd := rt.input.Fields().ByName(etagField)
	if fd == nil || fd.Kind() != protoreflect.StringKind {
		return body, errs.E(errs.KindInvalid, "IF_MATCH_UNSUPPORTED", "method", r.Method, "path", r.URL.Path)
	}
	if strings.Contains(header, ",") {
		return body, errs.E(errs.KindInvalid, "IF_MATCH_ONE_ETAG")
	}
	// A read's ETag is "<etag>.<digest>" (see setETag): the resource's
	// state is the part before the dot.
	tag, _, _ := strings.Cut(strings.Trim(header, `"`), ".")
	if strings.HasPrefix(header, "W/") {
		tag = header // a weak tag never matches (RFC 9110 §13.1.1); the service says so
	}
	if rt.body != "*" {
		q := r.URL.Query()
		q.Set(etagField, tag)
		r.URL.RawQuery = q.Encode()
		return body, nil
	}
	obj, err := jsonObject(body)
	if err != nil || obj == nil {
		return body, nil // not an object: the decoder reports it
	}
	if given, ok := obj[etagField].(string); ok && given != tag {
		return body, errs.Invalid(etagField, "IF_MATCH_DIFFERS")
	}
	obj[etagField] = tag
	return json.Marshal(obj)
}

// bindMask derives update_mask from the fields present in a PATCH body.
func bindMask(r *http.Request, rt *rpcRoute, body []byte) error {
	if r.Method != http.MethodPatch || rt.body == "" || rt.body == "*" {
		return nil
	}
	q := r.URL.Query()
	mf := rt.input.Fields().ByName(maskField)
	bf := rt.input.Fields().ByName(protoreflect.Name(rt.body))
	if mf == nil || bf == nil || bf.Message() == nil || q.Has(maskField) || q.Has("updateMask") {
		return nil
	}
	obj, err := jsonObject(body)
	if err != nil || obj == nil {
		return nil // the decoder reports a body that is not an object
	}
	if paths := presentPaths(obj, bf.Message(), ""); len(paths) > 0 {
		q.Set(maskField, strings.Join(paths, ","))
		r.URL.RawQuery = q.Encode()
	}
	return nil
}

// presentPaths names the fields of md present in obj: a nested message by
// its fields, a map by its keys (title.en), a list or scalar as a whole.
func presentPaths(obj map[string]any, md protoreflect.MessageDescriptor, prefix string) []string {
	var out []string
	for key, val := range obj {
		fd := md.Fields().ByName(protoreflect.Name(key))
		if fd == nil {
			fd = md.Fields().ByJSONName(key)
		}
		if fd == nil {
			continue // an unknown field: the decoder refuses it by name
		}
		name := prefix + string(fd.Name())
		sub, isObject := val.(map[string]any)
		switch {
		case fd.IsMap() && isObject:
			for k := range sub {
				out = append(out, name+"."+k)
			}
		case fieldmask.Nested(fd) && isObject && len(sub) > 0:
			out = append(out, presentPaths(sub, fd.Message(), name+".")...)
		default:
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// jsonObject decodes a JSON object body; nil for an empty body.
func jsonObject(body []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("trailing data after the JSON object")
	}
	return obj, nil
}
