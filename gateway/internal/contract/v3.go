package contract

import (
	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
)

// toV3 converts the contract with kin-openapi's converter and declares
// what Swagger 2.0 could not: the bearer scheme as HTTP bearer with JWTs,
// and a server relative to where the document is served.
func toV3(doc *openapi2.T) (*openapi3.T, error) {
	v3, err := openapi2conv.ToV3(doc)
	if err != nil {
		return nil, err
	}
	v3.Components.SecuritySchemes[BearerScheme] = &openapi3.SecuritySchemeRef{Value: &openapi3.SecurityScheme{
		Type: "http", Scheme: "bearer", BearerFormat: "JWT",
		Description: "A JWT from the city's OIDC provider (locally: POST /dev/token when the development issuer is on).",
	}}
	v3.Servers = openapi3.Servers{{URL: "/", Description: "The edge that serves this document."}}
	return v3, nil
}
