package contract

import (
	"encoding/json"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
)

// pruneDefinitions drops the definitions no operation reaches: messages
// that only exist for gRPC (a response whose REST body is one of its
// fields, an enum inlined as a query parameter). A client generated from
// the contract should have only the types it exchanges.
func pruneDefinitions(doc *openapi2.T) error {
	reached := map[string]bool{}
	var queue []string
	visit := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		for _, name := range refNames(b) {
			if !reached[name] {
				reached[name] = true
				queue = append(queue, name)
			}
		}
		return nil
	}
	if err := visit(doc.Paths); err != nil {
		return err
	}
	if err := visit(doc.Responses); err != nil {
		return err
	}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if err := visit(doc.Definitions[name]); err != nil {
			return err
		}
	}
	for name := range doc.Definitions {
		if !reached[name] {
			delete(doc.Definitions, name)
		}
	}
	return nil
}

// refNames lists the definitions an encoded JSON value refers to.
func refNames(encoded []byte) []string {
	const prefix = `"$ref":"#/definitions/`
	var out []string
	s := string(encoded)
	for {
		i := strings.Index(s, prefix)
		if i < 0 {
			return out
		}
		s = s[i+len(prefix):]
		end := strings.IndexByte(s, '"')
		out = append(out, s[:end])
		s = s[end:]
	}
}
