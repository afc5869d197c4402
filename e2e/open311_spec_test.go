package e2e

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The Open311 GeoReport v2 specification's field lists and types
// (wiki.open311.org/GeoReport_v2 and /Service_Discovery), which the
// conformance test checks every answer against, in JSON and in XML.

type geoKind int

const (
	geoString geoKind = iota
	geoBool
	geoNumber
	geoInteger
	geoDatetime
)

// geoField is one field of a specification element. Required fields must
// be present with a value; the others ("may not be returned") may be
// absent, or null in JSON. values, when set, are the only ones allowed.
type geoField struct {
	name     string
	kind     geoKind
	required bool
	values   []string
}

var (
	geoService = []geoField{{"service_code", geoString, true, nil}, {"service_name", geoString, true, nil},
		{"description", geoString, true, nil}, {"metadata", geoBool, true, nil},
		{"type", geoString, true, []string{"realtime", "batch", "blackbox"}}, {"keywords", geoString, false, nil},
		{"group", geoString, false, nil}}
	geoRequest = []geoField{{"service_request_id", geoString, true, nil},
		{"status", geoString, true, []string{"open", "closed"}}, {"status_notes", geoString, false, nil},
		{"service_name", geoString, true, nil}, {"service_code", geoString, true, nil},
		{"description", geoString, true, nil}, {"agency_responsible", geoString, false, nil},
		{"service_notice", geoString, false, nil}, {"requested_datetime", geoDatetime, true, nil},
		{"updated_datetime", geoDatetime, true, nil}, {"expected_datetime", geoDatetime, false, nil},
		{"address", geoString, false, nil}, {"address_id", geoString, false, nil}, {"zipcode", geoString, false, nil},
		{"lat", geoNumber, false, nil}, {"long", geoNumber, false, nil}, {"media_url", geoString, false, nil}}
	// A realtime service answers a POST with the request's id, never a token.
	geoReceipt = []geoField{{"service_request_id", geoString, true, nil}, {"service_notice", geoString, false, nil},
		{"account_id", geoString, false, nil}}
	geoError = []geoField{{"code", geoInteger, true, nil}, {"description", geoString, true, nil}}
	// Service discovery: "All fields are required."
	geoDiscovery = []geoField{{"changeset", geoString, true, nil}, {"contact", geoString, true, nil},
		{"key_service", geoString, true, nil}}
	geoEndpoint = []geoField{{"specification", geoString, true, nil}, {"url", geoString, true, nil},
		{"changeset", geoString, true, nil}, {"type", geoString, true, []string{"production", "test"}}}
)

// w3cDatetime is the W3C note's full datetime with its required offset.
var w3cDatetime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$`)

// checkValue checks one value's text (XML) or JSON value against f.
func (f geoField) checkValue(v any) error {
	switch f.kind {
	case geoBool:
		if b, ok := v.(string); ok && (b == "true" || b == "false") {
			return nil
		}
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: %v is not a boolean", f.name, v)
		}
	case geoNumber, geoInteger:
		n, ok := v.(float64)
		if s, isText := v.(string); isText {
			var err error
			n, err = strconv.ParseFloat(s, 64)
			ok = err == nil
		}
		if !ok || (f.kind == geoInteger && n != float64(int64(n))) {
			return fmt.Errorf("%s: %v is not a number of the right kind", f.name, v)
		}
	default:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: %v is not a string", f.name, v)
		}
		if f.kind == geoDatetime && !w3cDatetime.MatchString(s) {
			return fmt.Errorf("%s: %q is not a W3C datetime with an offset", f.name, s)
		}
		if f.values != nil && !slices.Contains(f.values, s) {
			return fmt.Errorf("%s: %q is not one of %v", f.name, s, f.values)
		}
	}
	return nil
}

// checkJSONObject checks a JSON object: no field outside the list, every
// required one present and non-null, every value of its type.
func checkJSONObject(obj map[string]any, fields []geoField, extra ...string) []string {
	var problems []string
	for k := range obj {
		if !slices.ContainsFunc(fields, func(f geoField) bool { return f.name == k }) && !slices.Contains(extra, k) {
			problems = append(problems, "field "+k+" is not in the specification")
		}
	}
	for _, f := range fields {
		v, ok := obj[f.name]
		switch {
		case !ok || v == nil:
			if f.required {
				problems = append(problems, "required field "+f.name+" is missing")
			}
		default:
			if err := f.checkValue(v); err != nil {
				problems = append(problems, err.Error())
			}
		}
	}
	return problems
}

// xmlNode is an element of a schemaless GeoReport XML answer.
type xmlNode struct {
	name     string
	text     string
	children []*xmlNode
}

// parseXML reads a document, requiring GeoReport's UTF-8 declaration.
func parseXML(body []byte) (*xmlNode, error) {
	if !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		return nil, fmt.Errorf("no UTF-8 XML declaration: %.60s", body)
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	root := &xmlNode{}
	stack := []*xmlNode{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != "" || len(t.Attr) > 0 {
				return nil, fmt.Errorf("<%s> has a namespace or attributes", t.Name.Local)
			}
			n := &xmlNode{name: t.Name.Local}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += strings.TrimSpace(string(t))
		}
	}
	if len(root.children) != 1 {
		return nil, fmt.Errorf("%d root elements", len(root.children))
	}
	return root.children[0], nil
}

// checkXMLElement checks an element's children like checkJSONObject; a
// field "may not be returned" is absent (or empty) in XML.
func checkXMLElement(n *xmlNode, fields []geoField, extra ...string) []string {
	var problems []string
	seen := map[string]bool{}
	for _, c := range n.children {
		seen[c.name] = true
		i := slices.IndexFunc(fields, func(f geoField) bool { return f.name == c.name })
		switch {
		case i < 0 && !slices.Contains(extra, c.name):
			problems = append(problems, "<"+c.name+"> is not in the specification")
		case i >= 0 && c.text != "":
			if err := fields[i].checkValue(c.text); err != nil {
				problems = append(problems, err.Error())
			}
		}
	}
	for _, f := range fields {
		if f.required && !seen[f.name] {
			problems = append(problems, "required <"+f.name+"> is missing")
		}
	}
	return problems
}

// geoList checks a list answer in either format: a JSON array of objects,
// or root → item elements; it returns the items as JSON-like maps (XML
// texts as strings) for the test's own assertions.
func geoList(body []byte, isXML bool, root, item string, fields []geoField) ([]map[string]any, []string) {
	if !isXML {
		var list []map[string]any
		if err := json.Unmarshal(body, &list); err != nil {
			return nil, []string{"not a JSON array of objects: " + err.Error()}
		}
		var problems []string
		for _, o := range list {
			problems = append(problems, checkJSONObject(o, fields)...)
		}
		return list, problems
	}
	n, err := parseXML(body)
	if err != nil {
		return nil, []string{err.Error()}
	}
	if n.name != root {
		return nil, []string{"root <" + n.name + ">, want <" + root + ">"}
	}
	var list []map[string]any
	var problems []string
	for _, c := range n.children {
		if c.name != item {
			problems = append(problems, "<"+c.name+"> in <"+root+">, want <"+item+">")
			continue
		}
		problems = append(problems, checkXMLElement(c, fields)...)
		o := map[string]any{}
		for _, f := range c.children {
			o[f.name] = f.text
		}
		list = append(list, o)
	}
	return list, problems
}
