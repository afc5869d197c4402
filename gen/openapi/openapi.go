// Package openapi embeds the merged OpenAPI v2 document generated from the
// protos' google.api.http annotations; the gateway serves it.
package openapi

import _ "embed"

// Document is the merged OpenAPI v2 (Swagger) JSON of every service.
//
//go:embed seoul.swagger.json
var Document []byte
