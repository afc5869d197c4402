// Package fieldmask reads the update_mask of partial updates (Google
// AIP-134), so every Update RPC of the suite means the same by it: only the
// named fields change, an empty mask names the fields the request populated,
// "*" replaces every updatable field, and a path the update does not know is
// bad input naming it.
//
// A path is a field of the update's body message (title, tags) or, for a
// map field declared with "name.*", one key of it (title.en): the other
// keys of that map stay as they are.
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
		paths = wholeFields(updatable)
	}
	var v errs.Violations
	md := body.ProtoReflect().Descriptor()
	for _, p := range paths {
		switch {
		case accepted(p, updatable):
		case p == "*":
			v.Add(Field, `"*" must be the only path`)
		case md.Fields().ByName(protoreflect.Name(head(p))) != nil:
			v.Add(Field, "the field "+p+" cannot be changed by this update")
		default:
			v.Add(Field, "unknown field "+p)
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

// Populated lists the fields msg sets, a map by each of its keys: the mask
// a request without one stands for (AIP-134), and what a REST body derives.
func Populated(msg proto.Message) []string {
	var out []string
	msg.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		name := string(fd.Name())
		if !fd.IsMap() {
			out = append(out, name)
			return true
		}
		v.Map().Range(func(k protoreflect.MapKey, _ protoreflect.Value) bool {
			out = append(out, name+"."+k.String())
			return true
		})
		return true
	})
	slices.Sort(out)
	return out
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
func wholeFields(updatable []string) []string {
	var out []string
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
