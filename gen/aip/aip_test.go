package aip

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	_ "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/mail/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/mileage/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	_ "github.com/seoul-gov/homepage/gen/seoul/type/v1"
)

// files are the suite's proto files, from the registry the generated
// packages fill.
func files(t *testing.T) []protoreflect.FileDescriptor {
	t.Helper()
	var out []protoreflect.FileDescriptor
	protoregistry.GlobalFiles.RangeFilesByPackage("", nil)
	protoregistry.GlobalFiles.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		if strings.HasPrefix(string(fd.Package()), "seoul.") {
			out = append(out, fd)
		}
		return true
	})
	if len(out) < 15 {
		t.Fatalf("only %d seoul proto files registered", len(out))
	}
	return out
}

// messages visits every message of every file, nested ones included.
func messages(fds []protoreflect.FileDescriptor, visit func(protoreflect.MessageDescriptor)) {
	var walk func(protoreflect.MessageDescriptors)
	walk = func(ms protoreflect.MessageDescriptors) {
		for i := range ms.Len() {
			m := ms.Get(i)
			if m.IsMapEntry() {
				continue
			}
			visit(m)
			walk(m.Messages())
		}
	}
	for _, fd := range fds {
		walk(fd.Messages())
	}
}

// methods visits every RPC.
func methods(fds []protoreflect.FileDescriptor, visit func(protoreflect.MethodDescriptor)) {
	for _, fd := range fds {
		for i := range fd.Services().Len() {
			ms := fd.Services().Get(i).Methods()
			for j := range ms.Len() {
				visit(ms.Get(j))
			}
		}
	}
}

func report(t *testing.T, rule string, problems []string) {
	t.Helper()
	if len(problems) > 0 {
		slices.Sort(problems)
		t.Errorf("%s: %d problem(s):\n  %s", rule, len(problems), strings.Join(problems, "\n  "))
	}
}

// AIP-142: a time is a google.protobuf.Timestamp named *_time, the verb in
// its base form (create_time, expire_time); a period is start_time and
// end_time.
func TestAIP142TimesAreNamedTime(t *testing.T) {
	var problems []string
	messages(files(t), func(m protoreflect.MessageDescriptor) {
		for i := range m.Fields().Len() {
			f := m.Fields().Get(i)
			if f.Message() != nil && f.Message().FullName() == "google.protobuf.Timestamp" &&
				!strings.HasSuffix(string(f.Name()), "_time") {
				problems = append(problems, fmt.Sprintf("%s: a time is named *_time", f.FullName()))
			}
			if strings.HasSuffix(string(f.Name()), "_at") {
				problems = append(problems, fmt.Sprintf("%s: *_at is not a time's name", f.FullName()))
			}
		}
	})
	report(t, "AIP-142", problems)
}

// AIP-140: booleans are not prefixed with is_; AIP-122/140: no field is
// named after its type's plumbing (_id of the resource itself aside).
func TestAIP140FieldNames(t *testing.T) {
	var problems []string
	messages(files(t), func(m protoreflect.MessageDescriptor) {
		for i := range m.Fields().Len() {
			f := m.Fields().Get(i)
			if f.Kind() == protoreflect.BoolKind && strings.HasPrefix(string(f.Name()), "is_") {
				problems = append(problems, fmt.Sprintf("%s: a boolean is named without is_", f.FullName()))
			}
		}
	})
	report(t, "AIP-140", problems)
}

// snake spells a CamelCase name in lower_snake_case.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func binding(m protoreflect.MethodDescriptor) (verb, body string) {
	rule, _ := proto.GetExtension(m.Options(), annotations.E_Http).(*annotations.HttpRule)
	switch {
	case rule == nil:
		return "", ""
	case rule.GetGet() != "":
		return "GET", rule.GetBody()
	case rule.GetPost() != "":
		return "POST", rule.GetBody()
	case rule.GetPatch() != "":
		return "PATCH", rule.GetBody()
	case rule.GetPut() != "":
		return "PUT", rule.GetBody()
	case rule.GetDelete() != "":
		return "DELETE", rule.GetBody()
	}
	return "", ""
}

// AIP-132, AIP-158: List<Resources> pages (page_size, page_token →
// next_page_token) and answers the resources in one repeated field named
// after them.
func TestAIP132ListsAreNamedAfterTheirResources(t *testing.T) {
	var problems []string
	methods(files(t), func(m protoreflect.MethodDescriptor) {
		name := string(m.Name())
		if !strings.HasPrefix(name, "List") {
			return
		}
		plural := snake(strings.TrimPrefix(name, "List"))
		if verb, _ := binding(m); verb != "" && verb != "GET" {
			problems = append(problems, fmt.Sprintf("%s: a List is a GET, not %s", m.FullName(), verb))
		}
		out := m.Output()
		var lists []protoreflect.Name
		for i := range out.Fields().Len() {
			if g := out.Fields().Get(i); g.IsList() {
				lists = append(lists, g.Name())
			}
		}
		if _, excepted := exceptions[string(m.FullName())]; !excepted && (len(lists) != 1 || !namedAfter(string(lists[0]), plural)) {
			problems = append(problems, fmt.Sprintf("%s: the response lists the resources in one repeated field named %q (or its last words), not %q",
				m.FullName(), plural, lists))
		}
		in := m.Input()
		paged := in.Fields().ByName("page_token") != nil
		if paged != (out.Fields().ByName("next_page_token") != nil) || paged != (in.Fields().ByName("page_size") != nil) {
			problems = append(problems, fmt.Sprintf("%s: page_size, page_token and next_page_token go together", m.FullName()))
		}
	})
	report(t, "AIP-132/158", problems)
}

// AIP-131, 133, 134, 135: the standard methods on a resource. Get is a
// GET without a body and answers the resource itself; Create a POST of
// the resource that answers it; Update a PATCH whose body is the resource,
// with an update_mask, that answers it; Delete a DELETE.
func TestAIP131StandardMethodsShapes(t *testing.T) {
	var problems []string
	methods(files(t), func(m protoreflect.MethodDescriptor) {
		name := string(m.Name())
		verb, body := binding(m)
		for _, std := range []struct{ prefix, verb string }{{"Get", "GET"}, {"Create", "POST"}, {"Update", "PATCH"}, {"Delete", "DELETE"}} {
			resource, ok := strings.CutPrefix(name, std.prefix)
			if !ok {
				continue
			}
			if verb != "" && verb != std.verb {
				problems = append(problems, fmt.Sprintf("%s: %s is %s, not %s", m.FullName(), std.prefix, std.verb, verb))
			}
			if std.prefix == "Get" && body != "" {
				problems = append(problems, fmt.Sprintf("%s: a Get has no body", m.FullName()))
			}
			if std.prefix != "Delete" && !answersResource(resource, string(m.Output().Name())) {
				problems = append(problems, fmt.Sprintf("%s: answers the %s itself, not %s", m.FullName(), resource, m.Output().Name()))
			}
			if _, ok := exceptions[string(m.FullName())]; std.prefix == "Update" && !ok {
				if mask := m.Input().Fields().ByName("update_mask"); mask == nil || mask.Message().FullName() != "google.protobuf.FieldMask" {
					problems = append(problems, fmt.Sprintf("%s: an Update takes an update_mask", m.FullName()))
				}
				if body != snake(resource) {
					problems = append(problems, fmt.Sprintf("%s: an Update's body is the %s field, not %q", m.FullName(), snake(resource), body))
				}
			}
		}
	})
	report(t, "AIP-131/133/134/135", problems)
}

// exceptions are the deliberate departures from the rules above, each
// with its reason; a new one needs one too.
var exceptions = map[string]string{
	// The point table and the validity period are versioned together (one
	// history of what a citizen earned under which rules, A8.2): the
	// response lists both.
	"seoul.mileage.v1.MileageService.ListRuleVersions": "two versioned resources in one history",
	// A participation event's editable part is its draft; status, draw and
	// timestamps change only through the lifecycle's custom methods, so the
	// PATCH body is the draft, not the whole event.
	"seoul.event.v1.ParticipationEventService.UpdateParticipationEvent": "the PATCH body is the editable draft",
}

// namedAfter reports whether a list field is named after the resources of
// its method: the plural itself or its last words (ListStaleItems lists
// items, ListModerationDecisions decisions), as AIP-132 names a list
// after the resource, not after the qualifier of the method.
func namedAfter(field, plural string) bool {
	return field == plural || strings.HasSuffix(plural, "_"+field)
}

// answersResource reports whether a standard method on resource answers
// it: GetItem an Item, and the qualified reads GetItemBySlug, GetMyEntry,
// GetCurrentTerms the Item, Entry and Terms they address differently.
func answersResource(resource, output string) bool {
	if i := strings.Index(resource, "By"); i > 0 {
		resource = resource[:i]
	}
	return strings.HasSuffix(resource, output)
}
