package contract

import (
	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"
)

// markNullable declares the fields the edge may send as null: it marshals
// with EmitUnpopulated (zero values present), and protojson writes an
// unset message field — a time, or any nested message — as null. Scalars,
// enums, lists and maps are never null.
func markNullable(doc *openapi2.T) {
	for _, def := range doc.Definitions {
		if def.Value == nil {
			continue
		}
		for name, prop := range def.Value.Properties {
			if nullable(doc, prop) {
				def.Value.Properties[name] = withNull(prop)
			}
		}
	}
}

func nullable(doc *openapi2.T, prop *openapi2.SchemaRef) bool {
	if prop.Ref == "" && prop.Value != nil && prop.Value.Format == "date-time" {
		return true
	}
	target := resolve(doc, prop)
	return target != nil && target.Type.Is("object") && target.AdditionalProperties.Has == nil &&
		target.AdditionalProperties.Schema == nil
}

// withNull adds x-nullable, wrapping a bare $ref in allOf first (a $ref
// takes no siblings) and typing the wrapper (OpenAPI 3 allows nullable
// only beside a type).
func withNull(prop *openapi2.SchemaRef) *openapi2.SchemaRef {
	if prop.Ref != "" {
		prop = &openapi2.SchemaRef{Value: &openapi2.Schema{AllOf: openapi2.SchemaRefs{{Ref: prop.Ref}}}}
	}
	if len(prop.Value.AllOf) > 0 {
		prop.Value.Type = &openapi3.Types{"object"}
	}
	if prop.Value.Extensions == nil {
		prop.Value.Extensions = map[string]any{}
	}
	prop.Value.Extensions["x-nullable"] = true
	return prop
}
