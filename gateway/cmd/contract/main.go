// Command contract writes the edge's OpenAPI contract (Swagger 2.0 and
// OpenAPI 3.0) from the document protoc-gen-openapiv2 generated and the
// authorization matrix. scripts/generate.sh runs it; see package contract.
//
//	contract -in generated.swagger.json -authz docs/authorization.md \
//	  -v2 gen/openapi/seoul.swagger.json -v3 gen/openapi/seoul.openapi.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/seoul-gov/homepage/gateway/internal/contract"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "contract:", err)
		os.Exit(1)
	}
}

func run() error {
	in := flag.String("in", "", "the generator's merged Swagger 2.0 document")
	authz := flag.String("authz", "docs/authorization.md", "the authorization matrix")
	v2 := flag.String("v2", "", "where to write the Swagger 2.0 contract")
	v3 := flag.String("v3", "", "where to write the OpenAPI 3.0 contract")
	flag.Parse()
	if *in == "" || *v2 == "" || *v3 == "" {
		return fmt.Errorf("-in, -v2 and -v3 are required")
	}
	raw, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	md, err := os.ReadFile(*authz)
	if err != nil {
		return err
	}
	matrix, err := contract.ParseMatrix(md)
	if err != nil {
		return err
	}
	doc2, doc3, err := contract.Build(raw, matrix)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*v2, doc2, 0o644); err != nil {
		return err
	}
	return os.WriteFile(*v3, doc3, 0o644)
}
