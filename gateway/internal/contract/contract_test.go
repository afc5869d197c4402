package contract

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
)

const matrixMD = `# Authorization matrix

| Mark | Outcome |
|---|---|
| ✓ | allowed |

## ThingService

| RPC | anon | self | other | holder | outsider | moderator | officer | admin | civil-system |
|---|---|---|---|---|---|---|---|---|---|
| ListThings | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | 403 |
| GetThing | 404 | ✓ | 404 | ✓ | 404 | 404 | 404 | ✓ | ✓ |
| UpdateThing | 401 | 403 | 403 | ✓ | 403 | 403 | 403 | ✓ | 403 |
`

// generated is what protoc-gen-openapiv2 makes of three routes.
const generated = `{"swagger": "2.0", "info": {"title": "thing.proto", "version": "version not set"},
 "paths": {
  "/v1/things": {"get": {"operationId": "ThingService_ListThings", "summary": "ListThings lists things.",
    "responses": {"200": {"description": "", "schema": {"$ref": "#/definitions/ListThingsResponse"}}}}},
  "/v1/things/{thing_id}": {
   "get": {"operationId": "ThingService_GetThing", "summary": "GetThing returns one thing. Who sees it depends.",
    "parameters": [{"name": "thing_id", "in": "path", "required": true, "type": "string"}],
    "responses": {"200": {"description": "", "schema": {"$ref": "#/definitions/GetThingResponse"}}}},
   "patch": {"operationId": "ThingService_UpdateThing", "summary": "UpdateThing changes a thing.",
    "parameters": [{"name": "thing_id", "in": "path", "required": true, "type": "string"},
     {"name": "thing", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Thing"}},
     {"name": "etag", "in": "query", "type": "string"}],
    "responses": {"200": {"description": "", "schema": {"$ref": "#/definitions/Thing"}}}}}},
 "definitions": {
  "ListThingsResponse": {"type": "object", "properties": {"things": {"type": "array", "items": {"$ref": "#/definitions/Thing"}}}},
  "GetThingResponse": {"type": "object", "properties": {"thing": {"allOf": [{"$ref": "#/definitions/Thing"}], "description": "the thing"}}},
  "Thing": {"type": "object", "properties": {"name": {"type": "string"}, "etag": {"type": "string"}}},
  "OnlyForGRPC": {"type": "object", "properties": {"x": {"type": "string"}}}}}`

type op struct {
	Summary     string                `json:"summary"`
	Description string                `json:"description"`
	Security    []map[string][]string `json:"security"`
	Parameters  []struct {
		Name string `json:"name"`
		In   string `json:"in"`
	} `json:"parameters"`
	Responses map[string]json.RawMessage `json:"responses"`
}

type v2doc struct {
	Paths               map[string]map[string]op   `json:"paths"`
	Definitions         map[string]json.RawMessage `json:"definitions"`
	Responses           map[string]json.RawMessage `json:"responses"`
	SecurityDefinitions map[string]map[string]any  `json:"securityDefinitions"`
}

func build(t *testing.T, raw string) (v2doc, map[string]any) {
	t.Helper()
	m, err := ParseMatrix([]byte(matrixMD))
	require.NoError(t, err)
	b2, b3, err := Build([]byte(raw), m)
	require.NoError(t, err)
	var d2 v2doc
	require.NoError(t, json.Unmarshal(b2, &d2))
	var d3 map[string]any
	require.NoError(t, json.Unmarshal(b3, &d3))
	return d2, d3
}

func keys(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The bearer scheme is declared; operations anonymous callers may use
// accept a token without needing one, the others require it, and each says
// who may call it.
func TestOperationsDeclareWhoMayCallThem(t *testing.T) {
	t.Parallel()
	d, _ := build(t, generated)
	require.Equal(t, "Authorization", d.SecurityDefinitions[BearerScheme]["name"])

	list := d.Paths["/v1/things"]["get"]
	require.Equal(t, []map[string][]string{{}, {BearerScheme: {}}}, list.Security)
	require.Contains(t, list.Description, "Public: anyone")

	get := d.Paths["/v1/things/{thing_id}"]["get"]
	require.Equal(t, []map[string][]string{{}, {BearerScheme: {}}}, get.Security, "anonymous callers get 404, not 401")
	require.Contains(t, get.Description, "the citizen it concerns, officials of the responsible department, admins, machine clients")

	update := d.Paths["/v1/things/{thing_id}"]["patch"]
	require.Equal(t, []map[string][]string{{BearerScheme: {}}}, update.Security)
	require.Contains(t, update.Description, "Signed in (bearer token): officials of the responsible department, admins. Others get 403.")
	require.Equal(t, "UpdateThing changes a thing.", update.Summary)
	require.Equal(t, "GetThing returns one thing.", get.Summary, "the summary is the first sentence")
}

// Each operation lists the failures it can answer with, in the edge's
// error shape, and resources with an etag document conditional requests.
func TestOperationsListTheirErrors(t *testing.T) {
	t.Parallel()
	d, _ := build(t, generated)

	require.ElementsMatch(t, []string{"200", "400", "401", "403", "429", "503", "default"},
		keys(d.Paths["/v1/things"]["get"].Responses))
	require.ElementsMatch(t, []string{"200", "304", "400", "401", "403", "404", "429", "503", "default"},
		keys(d.Paths["/v1/things/{thing_id}"]["get"].Responses))
	require.ElementsMatch(t, []string{"200", "400", "401", "403", "404", "409", "412", "413", "415", "429", "503", "default"},
		keys(d.Paths["/v1/things/{thing_id}"]["patch"].Responses))
	require.JSONEq(t, `{"$ref": "#/responses/NotFound"}`, string(d.Paths["/v1/things/{thing_id}"]["get"].Responses["404"]))

	var headers []string
	for _, p := range d.Paths["/v1/things/{thing_id}"]["patch"].Parameters {
		if p.In == "header" {
			headers = append(headers, p.Name)
		}
	}
	require.Equal(t, []string{"If-Match"}, headers)
	for _, name := range keys(d.Responses) {
		require.Contains(t, string(d.Responses[name]), `"#/definitions/Error"`, name)
	}
}

// Messages no route exchanges are not in the contract.
func TestUnusedDefinitionsArePruned(t *testing.T) {
	t.Parallel()
	d, _ := build(t, generated)
	require.ElementsMatch(t, []string{"Error", "GetThingResponse", "ListThingsResponse", "Thing"}, keys(d.Definitions))
}

// The OpenAPI 3 version declares the bearer scheme as HTTP bearer.
func TestV3DeclaresHTTPBearer(t *testing.T) {
	t.Parallel()
	_, d3 := build(t, generated)
	require.Equal(t, "3.0.3", d3["openapi"])
	schemes := d3["components"].(map[string]any)["securitySchemes"].(map[string]any)
	require.Equal(t, map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
		"description": schemes[BearerScheme].(map[string]any)["description"]}, schemes[BearerScheme])
}

// What client generators would misread fails generation, with the reason.
func TestMisleadingDocumentsAreRefused(t *testing.T) {
	t.Parallel()
	m, err := ParseMatrix([]byte(matrixMD))
	require.NoError(t, err)
	for name, tc := range map[string]struct{ from, to, want string }{
		"operation without a matrix row": {`"ThingService_ListThings"`, `"ThingService_Gone"`,
			"no row in the authorization matrix (docs/authorization.md) for ThingService_Gone"},
		"ambiguous paths": {`"/v1/things": {`, `"/v1/things/by-name": {`,
			"ambiguous paths /v1/things/by-name and /v1/things/{thing_id}"},
		"$ref with a sibling": {`"items": {"$ref": "#/definitions/Thing"}`, `"items": {"$ref": "#/definitions/Thing", "type": "object"}`,
			"$ref with siblings at #/definitions/ListThingsResponse/properties/things/items"},
	} {
		raw := strings.Replace(generated, tc.from, tc.to, 1)
		require.NotEqual(t, generated, raw, name)
		_, _, err := Build([]byte(raw), m)
		require.ErrorContains(t, err, tc.want, name)
	}
}

func TestMatrixRowsMustBeComplete(t *testing.T) {
	t.Parallel()
	_, err := ParseMatrix([]byte(strings.Replace(matrixMD, "| ListThings | ✓ |", "| ListThings |", 1)))
	require.ErrorContains(t, err, "ThingService.ListThings has 8 cells for 9 callers")
	_, err = ParseMatrix([]byte("# nothing here\n"))
	require.ErrorContains(t, err, "no RPC rows")
}

// Every field the edge puts in an error is documented in Error, and every
// field Error requires is always sent.
func TestErrorSchemaDocumentsTheEdgesErrors(t *testing.T) {
	t.Parallel()
	schema := errorSchema().Value
	for _, f := range jsonFields(reflect.TypeFor[apierror.Body]()) {
		require.Contains(t, schema.Properties, f, "apierror.Body.%s is not in the contract's Error", f)
	}
	violation := schema.Properties["field_violations"].Value.Items.Value
	for _, f := range jsonFields(reflect.TypeFor[apierror.FieldViolation]()) {
		require.Contains(t, violation.Properties, f)
	}
	sent := jsonFields(reflect.TypeFor[apierror.Body]())
	for _, f := range schema.Required {
		require.Contains(t, sent, f)
	}
}

func jsonFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}

// The edge sends unset messages and times as null (zero values are
// emitted), so the contract says they may be null; scalars never are.
func TestUnsetMessagesAreNullable(t *testing.T) {
	t.Parallel()
	d, d3 := build(t, generated)
	var things struct {
		Properties map[string]map[string]any `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(d.Definitions["GetThingResponse"], &things))
	require.Equal(t, true, things.Properties["thing"]["x-nullable"])
	require.Equal(t, "object", things.Properties["thing"]["type"], "OpenAPI 3 allows nullable only beside a type")
	require.NoError(t, json.Unmarshal(d.Definitions["Thing"], &things))
	require.NotContains(t, things.Properties["name"], "x-nullable")
	schemas := d3["components"].(map[string]any)["schemas"].(map[string]any)
	thing := schemas["GetThingResponse"].(map[string]any)["properties"].(map[string]any)["thing"].(map[string]any)
	require.Equal(t, true, thing["nullable"])
}
