// Package contract makes the edge's OpenAPI contract out of the document
// protoc-gen-openapiv2 generates from the protos' google.api.http
// annotations. The generator knows the routes and the messages; it cannot
// know what the edge adds around them, and its options cannot say that an
// operation needs no token. Build adds:
//   - the bearer scheme, and per operation whether a token is required and
//     who may call it, from the authorization matrix (docs/authorization.md,
//     which the end-to-end tests drive cell by cell against the suite);
//   - the error responses each operation can give, in the edge's one error
//     shape (package apierror), and the conditional-request headers of
//     resources with an etag;
//
// and refuses a document a client generator would misread: ambiguous
// paths, or a $ref with sibling fields (which generators ignore). It also
// derives the OpenAPI 3.0 version, which most client generators want.
package contract

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
)

// BearerScheme is the name of the bearer-token security scheme.
const BearerScheme = "bearer"

// Build returns the contract (Swagger 2.0) and its OpenAPI 3.0 version for
// raw, the generator's merged document, with matrix's access rules.
func Build(raw []byte, matrix Matrix) (v2, v3 []byte, err error) {
	var doc openapi2.T
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, nil, fmt.Errorf("generated document: %w", err)
	}
	if err := checkDocument(raw, &doc); err != nil {
		return nil, nil, err
	}
	if err := shapeDocument(&doc, matrix); err != nil {
		return nil, nil, err
	}
	if v2, err = marshal(&doc); err != nil {
		return nil, nil, err
	}
	v3doc, err := toV3(&doc)
	if err != nil {
		return nil, nil, err
	}
	if v3, err = marshal(v3doc); err != nil {
		return nil, nil, err
	}
	return v2, v3, nil
}

func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// shapeDocument adds the suite's info, the security scheme, the shared
// error responses and every operation's access and failures.
func shapeDocument(doc *openapi2.T, matrix Matrix) error {
	doc.Info = info()
	doc.SecurityDefinitions = map[string]*openapi2.SecurityScheme{BearerScheme: {
		Type: "apiKey", In: "header", Name: "Authorization",
		Description: "A JWT from the city's OIDC provider, sent as \"Authorization: Bearer <token>\" " +
			"(Swagger 2.0 has no bearer type; the OpenAPI 3 document declares it as HTTP bearer).",
	}}
	if doc.Definitions == nil {
		doc.Definitions = map[string]*openapi2.SchemaRef{}
	}
	markNullable(doc)
	doc.Definitions[errorSchemaName] = errorSchema()
	doc.Responses = namedResponses()
	var missing []string
	for path, item := range doc.Paths {
		for method, op := range item.Operations() {
			access, ok := matrix[rpcOf(op.OperationID)]
			if !ok {
				missing = append(missing, op.OperationID)
				continue
			}
			shapeOperation(doc, path, method, op, access)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("no row in the authorization matrix (docs/authorization.md) for %s", strings.Join(missing, ", "))
	}
	return pruneDefinitions(doc)
}

// rpcOf is the RPC an operation id names: the generator numbers the
// additional bindings of one RPC (BoardService_ListModerationDecisions2).
var bindingSuffix = regexp.MustCompile(`\d+$`)

func rpcOf(operationID string) string { return bindingSuffix.ReplaceAllString(operationID, "") }

func shapeOperation(doc *openapi2.T, path, method string, op *openapi2.Operation, a Access) {
	op.Summary, op.Description = summarize(op.Summary, op.Description, a)
	if ok := op.Responses.Value("200"); ok != nil && ok.Description == "" {
		ok.Description = "A successful response."
	}
	if a.Public {
		op.Security = &openapi2.SecurityRequirements{{}, {BearerScheme: {}}}
	} else {
		op.Security = &openapi2.SecurityRequirements{{BearerScheme: {}}}
	}
	addResponses(op, shapeOf(doc, path, method, op))
}

// summarize makes the summary the comment's first sentence and the
// description the whole comment followed by who may call the operation.
func summarize(summary, description string, a Access) (string, string) {
	text := strings.TrimSpace(strings.TrimSpace(summary) + "\n\n" + strings.TrimSpace(description))
	first := strings.Join(strings.Fields(text), " ")
	if i := strings.Index(first, ". "); i >= 0 {
		first = first[:i+1]
	}
	return first, text + "\n\nAccess — " + a.Who
}

func shapeOf(doc *openapi2.T, path, method string, op *openapi2.Operation) shape {
	s := shape{method: method, pathParams: strings.Contains(path, "{")}
	for _, p := range op.Parameters {
		switch {
		case p.In == "body":
			s.body = true
			s.ifMatch = s.ifMatch || hasProperty(doc, p.Schema, "etag")
		case p.Name == "etag":
			s.ifMatch = true
		}
	}
	if ok := op.Responses.Value("200"); method == "GET" && ok != nil && ok.Schema != nil {
		s.notModified = carriesEtag(doc, ok.Schema)
	}
	return s
}

// carriesEtag mirrors the edge's setETag: the response has an etag, or
// exactly one of its message fields does.
func carriesEtag(doc *openapi2.T, ref *openapi2.SchemaRef) bool {
	schema := resolve(doc, ref)
	if schema == nil {
		return false
	}
	if _, ok := schema.Properties["etag"]; ok {
		return true
	}
	found := 0
	for _, p := range schema.Properties {
		if hasProperty(doc, p, "etag") {
			found++
		}
	}
	return found == 1
}

func hasProperty(doc *openapi2.T, ref *openapi2.SchemaRef, name string) bool {
	s := resolve(doc, ref)
	if s == nil {
		return false
	}
	_, ok := s.Properties[name]
	return ok
}

// resolve follows a definition reference, also one wrapped in a lone
// allOf (the generator's way of describing a referenced field).
func resolve(doc *openapi2.T, ref *openapi2.SchemaRef) *openapi2.Schema {
	for range 4 {
		switch {
		case ref == nil:
			return nil
		case ref.Ref != "":
			ref = doc.Definitions[strings.TrimPrefix(ref.Ref, "#/definitions/")]
		case ref.Value != nil && len(ref.Value.AllOf) == 1 && len(ref.Value.Properties) == 0:
			ref = ref.Value.AllOf[0]
		default:
			return ref.Value
		}
	}
	return nil
}
