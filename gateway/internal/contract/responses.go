package contract

import (
	"net/http"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"
)

// errorSchemaName is the definition of the edge's one error shape.
const errorSchemaName = "Error"

// errorSchema is the JSON every failure has (package apierror, Body). A
// gateway test keeps the two in step, and the end-to-end tests validate
// every error the suite answers against it.
func errorSchema() *openapi2.SchemaRef {
	str := func(d string) *openapi2.SchemaRef {
		return &openapi2.SchemaRef{Value: &openapi2.Schema{Type: &openapi3.Types{"string"}, Description: d}}
	}
	violation := &openapi2.Schema{
		Type:     &openapi3.Types{"object"},
		Required: []string{"field", "description"},
		Properties: map[string]*openapi2.SchemaRef{
			"field":       str("The field's full path as the client wrote it, e.g. contact.phone or prizes[1].count."),
			"reason":      str("Stable machine-readable reason for this field, e.g. REQUIRED."),
			"description": str("Why, for people: Korean by default, English on Accept-Language: en."),
		},
	}
	return &openapi2.SchemaRef{Value: &openapi2.Schema{
		Type:        &openapi3.Types{"object"},
		Description: "The edge's one error shape: every failure, whatever produced it, has it.",
		Required:    []string{"code", "status", "message"},
		Properties: map[string]*openapi2.SchemaRef{
			"code": {Value: &openapi2.Schema{Type: &openapi3.Types{"integer"}, Format: "int32",
				Description: "The gRPC status code (google.rpc.Code), e.g. 3."}},
			"status":     str("The code's canonical name, e.g. INVALID_ARGUMENT."),
			"reason":     str("Stable machine-readable reason (google.rpc.ErrorInfo), e.g. REPEATED_POST: switch on it, not on the message."),
			"message":    str("For people: Korean by default, English on Accept-Language: en."),
			"request_id": str("The request's id (X-Request-Id), to quote when reporting a problem."),
			"field_violations": {Value: &openapi2.Schema{Type: &openapi3.Types{"array"},
				Description: "Every bad field of an invalid request (400), not only the first.",
				Items:       &openapi2.SchemaRef{Value: violation}}},
		},
	}}
}

// errorResponse is a named response of the document (#/responses/<name>).
type errorResponse struct {
	name, status, description string
	headers                   map[string]string
}

// errorResponses are every failure the edge answers with. Which of them an
// operation lists is decided by errorsOf.
var errorResponses = []errorResponse{
	{"BadRequest", "400", "Invalid input (every bad field named in field_violations; nothing was stored), " +
		"or a request the resource's state does not allow now (FAILED_PRECONDITION).", nil},
	{"Unauthorized", "401", "No valid bearer token: sign in, or the token sent is invalid or expired.",
		map[string]string{"WWW-Authenticate": `Bearer realm="seoul-homepage", with error="invalid_token" when a token was sent.`}},
	{"Forbidden", "403", "The caller's roles or department do not allow this.", nil},
	{"NotFound", "404", "No such resource, or one the caller may not learn exists.", nil},
	{"Conflict", "409", "Already exists, or changed meanwhile (a stale etag field): read it again and retry.", nil},
	{"PreconditionFailed", "412", "If-Match names an etag that is no longer current: read the resource again.", nil},
	{"PayloadTooLarge", "413", "The body is larger than 1 MiB.", nil},
	{"UnsupportedMediaType", "415", "The body is not JSON (send Content-Type: application/json).", nil},
	{"TooManyRequests", "429", "Rate limited (per address, then per signed-in client).",
		map[string]string{"Retry-After": "Seconds to wait before retrying."}},
	{"ServiceUnavailable", "503", "A service or one of its dependencies is unavailable; the request may be repeated as is.",
		map[string]string{"Retry-After": "Seconds to wait before retrying."}},
	{"Error", "default", "Any other failure: 500 internal (with the request id to quote) or 504 timed out.", nil},
}

// namedResponses are the document's shared responses.
func namedResponses() map[string]*openapi2.Response {
	out := map[string]*openapi2.Response{}
	for _, e := range errorResponses {
		r := &openapi2.Response{Description: e.description,
			Schema: &openapi2.SchemaRef{Ref: "#/definitions/" + errorSchemaName}}
		for name, d := range e.headers {
			if r.Headers == nil {
				r.Headers = map[string]*openapi2.Header{}
			}
			r.Headers[name] = &openapi2.Header{Parameter: openapi2.Parameter{Type: &openapi3.Types{"string"}, Description: d}}
		}
		out[e.name] = r
	}
	return out
}

// shape is what decides an operation's possible failures.
type shape struct {
	method      string
	pathParams  bool // the path names a resource (404)
	body        bool // the request has a JSON body (413, 415)
	ifMatch     bool // the request takes an etag (412)
	notModified bool // a GET of a resource with an etag (304)
}

// errorsOf lists the statuses an operation can answer with besides
// success. Every operation can fail validation, authentication (an invalid
// token is refused even where none is needed), authorization (machine
// clients are held to their registration everywhere), rate limits and
// unavailable services.
func errorsOf(s shape) []string {
	out := []string{"400", "401", "403"}
	if s.pathParams {
		out = append(out, "404")
	}
	if s.method != http.MethodGet {
		out = append(out, "409")
	}
	if s.ifMatch {
		out = append(out, "412")
	}
	if s.body {
		out = append(out, "413", "415")
	}
	return append(out, "429", "503", "default")
}

// addResponses sets the operation's error responses and, for resources
// with an etag, the conditional-request headers.
func addResponses(op *openapi2.Operation, s shape) {
	for _, status := range errorsOf(s) {
		for _, e := range errorResponses {
			if e.status == status {
				op.Responses.Set(status, &openapi2.Response{Ref: "#/responses/" + e.name})
			}
		}
	}
	if s.ifMatch {
		op.Parameters = append(op.Parameters, header("If-Match",
			"The etag the change is based on (as sent in ETag); a stale one is answered with 412."))
	}
	if s.notModified {
		op.Parameters = append(op.Parameters, header("If-None-Match",
			"The etag the client holds; while it is current the answer is 304 without a body."))
		op.Responses.Set("304", &openapi2.Response{Description: "Not modified: the etag in If-None-Match is current."})
		if ok := op.Responses.Value("200"); ok != nil {
			ok.Headers = map[string]*openapi2.Header{"ETag": {Parameter: openapi2.Parameter{
				Type: &openapi3.Types{"string"}, Description: "The resource's etag, for If-Match and If-None-Match."}}}
		}
	}
}

func header(name, description string) *openapi2.Parameter {
	return &openapi2.Parameter{In: "header", Name: name, Type: &openapi3.Types{"string"}, Description: description}
}
