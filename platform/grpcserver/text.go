package grpcserver

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/textrule"
)

// checkText refuses a request carrying, in any string (field, list
// element, map key or value), a NUL character or a character that hides
// how the text reads (textrule.Hidden: bidirectional controls, byte order
// marks), naming the field by its proto path (title.ko, tags[1],
// attachments[0].url). PostgreSQL text cannot hold NUL, so without this
// check such input reached the database and came back as an Internal
// error (HTTP 500); a right-to-left override in a title makes it read
// differently from what is stored. One rule at the door covers every
// service's user text.
func checkText(req any) error {
	m, ok := req.(proto.Message)
	if !ok {
		return nil
	}
	var v errs.Violations
	walkText(m.ProtoReflect(), "", &v)
	return v.Err()
}

func walkText(m protoreflect.Message, prefix string, v *errs.Violations) {
	m.Range(func(fd protoreflect.FieldDescriptor, val protoreflect.Value) bool {
		name := prefix + string(fd.Name())
		switch {
		case fd.IsMap():
			walkMap(fd, val.Map(), name, v)
		case fd.IsList():
			list := val.List()
			for i := range list.Len() {
				walkValue(fd, list.Get(i), fmt.Sprintf("%s[%d]", name, i), v)
			}
		default:
			walkValue(fd, val, name, v)
		}
		return true
	})
}

func walkMap(fd protoreflect.FieldDescriptor, m protoreflect.Map, name string, v *errs.Violations) {
	m.Range(func(k protoreflect.MapKey, val protoreflect.Value) bool {
		if key, isString := k.Interface().(string); isString {
			if reason, args := stringProblem(key); reason != "" {
				v.Add(name, reason, args...)
				return true
			}
		}
		walkValue(fd.MapValue(), val, name+"."+k.String(), v)
		return true
	})
}

func walkValue(fd protoreflect.FieldDescriptor, val protoreflect.Value, name string, v *errs.Violations) {
	switch fd.Kind() {
	case protoreflect.StringKind:
		if reason, args := stringProblem(val.String()); reason != "" {
			v.Add(name, reason, args...)
		}
	case protoreflect.MessageKind, protoreflect.GroupKind:
		walkText(val.Message(), name+".", v)
	}
}

// stringProblem is the reason s is refused (with its message's
// arguments), or "" when nothing is wrong.
func stringProblem(s string) (string, []any) {
	if strings.IndexByte(s, 0) >= 0 {
		return "NUL_CHARACTER", nil
	}
	if r, ok := textrule.Hidden(s); ok {
		return "HIDDEN_CHARACTER", []any{"char", fmt.Sprintf("U+%04X", r)}
	}
	return "", nil
}
