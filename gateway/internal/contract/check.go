package contract

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
)

// checkDocument refuses what client generators would misread: two paths
// one request could match, or a $ref with siblings in the generator's
// output (generators, and the OpenAPI model here, ignore them, so the
// description beside it would silently vanish; buf.gen.openapi.yaml's
// options wrap such a $ref in allOf instead).
func checkDocument(raw []byte, doc *openapi2.T) error {
	var problems []string
	paths := make([]string, 0, len(doc.Paths))
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for i, a := range paths {
		for _, b := range paths[i+1:] {
			if ambiguous(a, b) {
				problems = append(problems, fmt.Sprintf("ambiguous paths %s and %s", a, b))
			}
		}
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		return err
	}
	problems = append(problems, refSiblings(tree, "#")...)
	if len(problems) > 0 {
		return fmt.Errorf("contract: %s", strings.Join(problems, "; "))
	}
	return nil
}

// ambiguous reports whether one request path could match both templates:
// the same number of segments, each pair equal, or a variable against
// literal text (a segment with a custom method, {id}:publish, is told
// apart by its verb, as AIP-136 routes it).
func ambiguous(a, b string) bool {
	sa, sb := strings.Split(a, "/"), strings.Split(b, "/")
	if len(sa) != len(sb) {
		return false
	}
	for i := range sa {
		x, y := sa[i], sb[i]
		switch {
		case x == y:
		case isVariable(x) && !strings.Contains(y, "{"), isVariable(y) && !strings.Contains(x, "{"):
		default:
			return false
		}
	}
	return true
}

func isVariable(segment string) bool {
	return strings.HasPrefix(segment, "{") && strings.HasSuffix(segment, "}")
}

// refSiblings lists the JSON pointers of objects that have "$ref" and
// anything else.
func refSiblings(node any, at string) []string {
	var out []string
	switch n := node.(type) {
	case map[string]any:
		if _, ok := n["$ref"]; ok && len(n) > 1 {
			out = append(out, "$ref with siblings at "+at)
		}
		for k, v := range n {
			out = append(out, refSiblings(v, at+"/"+k)...)
		}
	case []any:
		for i, v := range n {
			out = append(out, refSiblings(v, fmt.Sprintf("%s/%d", at, i))...)
		}
	}
	slices.Sort(out)
	return out
}
