// Package fieldmask reads the update_mask of partial updates (Google
// AIP-134), so every Update RPC of the suite means the same by it: only the
// named fields change, an empty mask names the fields the request populated,
// "*" replaces every updatable field, and a path the update does not know is
// bad input naming it.
//
// A path is a field of the update's body message (title, tags) or, for a
// map field declared with "name.*", one key of it (title.en): the other
// keys of that map stay as they are. An update that takes every field of
// its body at any depth declares "**" (draft.title.ko, draft.prizes).
package fieldmask

import (
	"slices"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Field is the request field every Update RPC names its mask with.
const Field = "update_mask"

// Mask is a validated update mask.
type Mask struct {
	paths []string
}

// Parse validates fm against the paths an update accepts (field names of
// body, "name.*" for a map whose keys may be named one by one). An empty
// mask stands for the fields body populates (AIP-134), "*" for every
// updatable field. Every path that is not accepted is reported at once,
// as a violation of update_mask.
func Parse(fm *fieldmaskpb.FieldMask, body proto.Message, updatable ...string) (Mask, error) {
	paths := fm.GetPaths()
	switch {
	case len(paths) == 0:
		paths = Populated(body)
	case slices.Equal(paths, []string{"*"}):
		paths = wholeFields(updatable, body.ProtoReflect().Descriptor())
	}
	var v errs.Violations
	md := body.ProtoReflect().Descriptor()
	for _, p := range paths {
		switch {
		case accepted(p, updatable), slices.Contains(updatable, "**") && resolves(md, p):
		case p == "*":
			v.Add(Field, "WILDCARD_NOT_ALONE")
		case md.Fields().ByName(protoreflect.Name(head(p))) != nil:
			v.Add(Field, "FIELD_NOT_UPDATABLE", "path", p)
		default:
			v.Add(Field, "UNKNOWN_FIELD_PATH", "path", p)
		}
	}
	if err := v.Err(); err != nil {
		return Mask{}, err
	}
	return Mask{paths: paths}, nil
}

// Has reports whether the mask names field itself.
func (m Mask) Has(field string) bool { return slices.Contains(m.paths, field) }

// Touches reports whether the mask names field or one of its keys.
func (m Mask) Touches(field string) bool {
	return slices.ContainsFunc(m.paths, func(p string) bool { return p == field || strings.HasPrefix(p, field+".") })
}

// Keys returns the map keys of field the mask names one by one (title.en
// gives "en" for "title").
func (m Mask) Keys(field string) []string {
	var keys []string
	for _, p := range m.paths {
		if k, ok := strings.CutPrefix(p, field+"."); ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// Paths returns the mask's paths.
func (m Mask) Paths() []string { return slices.Clone(m.paths) }

// Populated lists the fields msg sets, a map by each of its keys and a
// nested message by its fields: the mask a request without one stands for
// (AIP-134), and what the edge derives from a REST body.
func Populated(msg proto.Message) []string {
	out := populated(msg.ProtoReflect(), "")
	slices.Sort(out)
	return out
}

func populated(m protoreflect.Message, prefix string) []string {
	var out []string
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		name := prefix + string(fd.Name())
		switch {
		case fd.IsMap():
			v.Map().Range(func(k protoreflect.MapKey, _ protoreflect.Value) bool {
				out = append(out, name+"."+k.String())
				return true
			})
		case nested(fd):
			out = append(out, populated(v.Message(), name+".")...)
		default:
			out = append(out, name)
		}
		return true
	})
	return out
}

// nested reports whether paths descend into fd: a singular message that
// is not a well-known type (a Timestamp is one value).
func nested(fd protoreflect.FieldDescriptor) bool {
	return fd.Message() != nil && !fd.IsList() && !fd.IsMap() && !wellKnown[fd.Message().FullName()]
}

// wellKnown are the well-known types that JSON writes as one value.
var wellKnown = map[protoreflect.FullName]bool{
	"google.protobuf.Timestamp": true, "google.protobuf.Duration": true, "google.protobuf.FieldMask": true,
	"google.protobuf.Struct": true, "google.protobuf.Value": true, "google.protobuf.ListValue": true,
	"google.protobuf.Any": true, "google.protobuf.Empty": true,
	"google.protobuf.StringValue": true, "google.protobuf.BytesValue": true, "google.protobuf.BoolValue": true,
	"google.protobuf.Int32Value": true, "google.protobuf.Int64Value": true, "google.protobuf.UInt32Value": true,
	"google.protobuf.UInt64Value": true, "google.protobuf.FloatValue": true, "google.protobuf.DoubleValue": true,
}

// Nested reports whether a mask path may descend into fd (see Populated);
// the edge derives REST masks by the same rule.
func Nested(fd protoreflect.FieldDescriptor) bool { return nested(fd) }

// resolves reports whether path names a field of md at some depth, or a
// key of a map field as its last step.
func resolves(md protoreflect.MessageDescriptor, path string) bool {
	steps := strings.Split(path, ".")
	for i, step := range steps {
		fd := md.Fields().ByName(protoreflect.Name(step))
		last := i == len(steps)-1
		switch {
		case fd == nil:
			return false
		case last:
			return true
		case fd.IsMap():
			return i == len(steps)-2 && steps[i+1] != ""
		case !nested(fd):
			return false
		}
		md = fd.Message()
	}
	return false
}

// Apply copies the fields the mask names from src to dst (messages of the
// same type): a field src does not set is cleared in dst, a map key src
// lacks is deleted. It is the generic merge for updates whose stored state
// maps to the body message.
func Apply(dst, src proto.Message, m Mask) {
	for _, p := range m.paths {
		apply(dst.ProtoReflect(), src.ProtoReflect(), strings.Split(p, "."))
	}
}

func apply(dst, src protoreflect.Message, steps []string) {
	fd := dst.Descriptor().Fields().ByName(protoreflect.Name(steps[0]))
	if fd == nil {
		return
	}
	switch {
	case len(steps) == 1:
		if src.Has(fd) {
			dst.Set(fd, src.Get(fd))
		} else {
			dst.Clear(fd)
		}
	case fd.IsMap():
		key := protoreflect.ValueOfString(steps[1]).MapKey()
		if v := src.Get(fd).Map(); v.Has(key) {
			dst.Mutable(fd).Map().Set(key, v.Get(key))
		} else if dst.Has(fd) {
			dst.Mutable(fd).Map().Clear(key)
		}
	default:
		apply(dst.Mutable(fd).Message(), src.Get(fd).Message(), steps[1:])
	}
}

func accepted(path string, updatable []string) bool {
	for _, u := range updatable {
		if path == u || path == strings.TrimSuffix(u, ".*") {
			return true
		}
		if prefix, isMap := strings.CutSuffix(u, "*"); isMap && strings.HasPrefix(path, prefix) && len(path) > len(prefix) {
			return true
		}
	}
	return false
}

// wholeFields is "*": every updatable field as a whole, maps included.
func wholeFields(updatable []string, md protoreflect.MessageDescriptor) []string {
	var out []string
	if slices.Contains(updatable, "**") {
		for i := range md.Fields().Len() {
			out = append(out, string(md.Fields().Get(i).Name()))
		}
		return out
	}
	for _, u := range updatable {
		f := strings.TrimSuffix(u, ".*")
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func head(path string) string {
	h, _, _ := strings.Cut(path, ".")
	return h
}
