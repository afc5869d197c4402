// Package openapi embeds the edge's OpenAPI contract, generated from the
// protos' google.api.http annotations and the edge's own rules
// (gateway/cmd/contract); the gateway serves both versions.
package openapi

import _ "embed"

// Document is the contract as Swagger 2.0 (served at /openapi.json).
//
//go:embed seoul.swagger.json
var Document []byte

// DocumentV3 is the same contract as OpenAPI 3.0 (served at
// /openapi3.json), from which the clients in seoulapi and ts are generated.
//
//go:embed seoul.openapi.json
var DocumentV3 []byte
