package edge

import (
	"regexp"
	"slices"
	"strings"

	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// rpcRoute is one google.api.http binding, read from the services'
// descriptors (the generated packages the edge imports register them), so
// the edge knows what grpc-gateway's mux does not tell it: which message a
// route decodes and where its body goes.
type rpcRoute struct {
	method string
	// rpc is the bound method (seoul.content.v1.ContentService.GetItem)
	// and service the suite's service that owns it (content); both empty
	// for the edge's own endpoints.
	rpc     protoreflect.FullName
	service string
	// key is the route as runtime.Pattern.String prints it
	// (/v1/items/{item_id=*}), to find the route the mux matched.
	key   string
	match *regexp.Regexp
	input protoreflect.MessageDescriptor
	// body is the HttpRule's body: "" (none), "*" or a request field.
	body string
}

// routeTable is every binding of the suite plus the edge's own endpoints.
type routeTable struct {
	routes []rpcRoute
	byKey  map[methodPattern]int
}

// methodPattern finds a route without building a string per request.
type methodPattern struct{ method, pattern string }

// loadRoutes reads every binding of the seoul.* services.
func loadRoutes() *routeTable {
	t := &routeTable{byKey: map[methodPattern]int{}}
	protoregistry.GlobalFiles.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		if !strings.HasPrefix(string(fd.Package()), "seoul.") {
			return true
		}
		for i := range fd.Services().Len() {
			methods := fd.Services().Get(i).Methods()
			for j := range methods.Len() {
				t.addMethod(methods.Get(j))
			}
		}
		return true
	})
	return t
}

func (t *routeTable) addMethod(md protoreflect.MethodDescriptor) {
	rule, _ := proto.GetExtension(md.Options(), annotations.E_Http).(*annotations.HttpRule)
	if rule == nil {
		return
	}
	for _, r := range append([]*annotations.HttpRule{rule}, rule.GetAdditionalBindings()...) {
		method, path := bindingOf(r)
		if method == "" {
			continue
		}
		body := r.GetBody()
		if r != rule && body == "" {
			body = rule.GetBody()
		}
		t.add(rpcRoute{method: method, rpc: md.FullName(), service: serviceOf(md), key: patternKey(path),
			match: templateRegexp(path), input: md.Input(), body: body})
	}
}

// serviceOf is the suite's service of a method: content for package
// seoul.content.v1.
func serviceOf(md protoreflect.MethodDescriptor) string {
	return string(md.ParentFile().Package().Parent().Name())
}

// addLocal records one of the edge's own endpoints (for Allow).
func (t *routeTable) addLocal(method, path string) {
	t.add(rpcRoute{method: method, key: path, match: templateRegexp(path)})
}

func (t *routeTable) add(r rpcRoute) {
	t.byKey[methodPattern{r.method, r.key}] = len(t.routes)
	t.routes = append(t.routes, r)
}

// lookup finds the route the mux matched by its method and pattern.
func (t *routeTable) lookup(method, pattern string) *rpcRoute {
	i, ok := t.byKey[methodPattern{method, pattern}]
	if !ok {
		return nil
	}
	return &t.routes[i]
}

// allowed lists the methods some route serves at path, for 405's Allow.
func (t *routeTable) allowed(path string) []string {
	var out []string
	for _, r := range t.routes {
		if r.match.MatchString(path) && !slices.Contains(out, r.method) {
			out = append(out, r.method)
		}
	}
	slices.Sort(out)
	return out
}

func bindingOf(r *annotations.HttpRule) (method, path string) {
	switch p := r.GetPattern().(type) {
	case *annotations.HttpRule_Get:
		return "GET", p.Get
	case *annotations.HttpRule_Post:
		return "POST", p.Post
	case *annotations.HttpRule_Put:
		return "PUT", p.Put
	case *annotations.HttpRule_Patch:
		return "PATCH", p.Patch
	case *annotations.HttpRule_Delete:
		return "DELETE", p.Delete
	}
	return "", ""
}

var templateVar = regexp.MustCompile(`\{([\w.]+)\}`)

// patternKey spells a template the way runtime.Pattern.String does.
func patternKey(path string) string { return templateVar.ReplaceAllString(path, "{$1=*}") }

// templateRegexp matches the paths of a template: a variable is one
// segment without a verb.
func templateRegexp(path string) *regexp.Regexp {
	parts := templateVar.Split(path, -1)
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, "[^/:]+") + "$")
}
