package edge

import (
	"encoding/base64"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// answerJSON is runtime.JSONPb with the answers written by appendMessage:
// the JSON protojson writes with UseProtoNames and EmitUnpopulated, byte for
// byte (less the spaces protojson adds at random after commas to keep
// callers from depending on its output), into one buffer sized up front.
// protojson sorts every message's fields into a fresh slice and grows its
// output as it goes, a fifth of the edge's allocations on a small read
// (issue 17). Anything appendMessage does not write itself (a well-known
// type, an extension, a proto2 message, a string that is not UTF-8) is left
// to protojson, so its answers and its errors are unchanged.
type answerJSON struct{ *runtime.JSONPb }

func (j answerJSON) Marshal(v any) ([]byte, error) {
	m, ok := v.(proto.Message)
	if !ok || m == nil || !m.ProtoReflect().IsValid() || !j.UseProtoNames || !j.EmitUnpopulated || j.Indent != "" || j.Multiline ||
		j.UseEnumNumbers {
		return j.JSONPb.Marshal(v)
	}
	out, ok := appendMessage(make([]byte, 0, 2*proto.Size(m)+64), m.ProtoReflect(), j.MarshalOptions)
	if !ok {
		return j.JSONPb.Marshal(v)
	}
	return out, nil
}

// appendMessage appends m as protojson would: every field in declaration
// order, an unset field with presence as null unless it is in a oneof (then
// it is left out), an unset list, map or scalar as its empty value.
func appendMessage(out []byte, m protoreflect.Message, opts protojson.MarshalOptions) ([]byte, bool) {
	md := m.Descriptor()
	if md.FullName().Parent() == "google.protobuf" {
		b, err := opts.MarshalAppend(out, m.Interface())
		return b, err == nil
	}
	if md.ExtensionRanges().Len() > 0 || md.RequiredNumbers().Len() > 0 || md.Syntax() == protoreflect.Proto2 {
		return out, false
	}
	out = append(out, '{')
	fields := md.Fields()
	first := true
	for i := range fields.Len() {
		fd := fields.Get(i)
		has := m.Has(fd)
		if !has && fd.ContainingOneof() != nil {
			continue
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		var ok bool
		if out, ok = appendString(out, fd.TextName()); !ok {
			return out, false
		}
		out = append(out, ':')
		switch {
		case !has && fd.HasPresence():
			out = append(out, "null"...)
		case fd.IsList():
			out, ok = appendList(out, m.Get(fd).List(), fd, opts)
		case fd.IsMap():
			out, ok = appendMap(out, m.Get(fd).Map(), fd, opts)
		default:
			out, ok = appendSingular(out, m.Get(fd), fd, opts)
		}
		if !ok {
			return out, false
		}
	}
	return append(out, '}'), true
}

func appendList(out []byte, list protoreflect.List, fd protoreflect.FieldDescriptor, opts protojson.MarshalOptions) ([]byte, bool) {
	out = append(out, '[')
	for i := range list.Len() {
		if i > 0 {
			out = append(out, ',')
		}
		var ok bool
		if out, ok = appendSingular(out, list.Get(i), fd, opts); !ok {
			return out, false
		}
	}
	return append(out, ']'), true
}

// appendMap writes a map's entries in protojson's order of keys: false
// before true, numbers by value, strings bytewise.
func appendMap(out []byte, mp protoreflect.Map, fd protoreflect.FieldDescriptor, opts protojson.MarshalOptions) ([]byte, bool) {
	keys := make([]protoreflect.MapKey, 0, mp.Len())
	mp.Range(func(k protoreflect.MapKey, _ protoreflect.Value) bool {
		keys = append(keys, k)
		return true
	})
	slices.SortFunc(keys, func(x, y protoreflect.MapKey) int {
		switch x.Interface().(type) {
		case bool:
			return compareBool(x.Bool(), y.Bool())
		case int32, int64:
			return cmpOrdered(x.Int(), y.Int())
		case uint32, uint64:
			return cmpOrdered(x.Uint(), y.Uint())
		default:
			return cmpOrdered(x.String(), y.String())
		}
	})
	out = append(out, '{')
	for i, k := range keys {
		if i > 0 {
			out = append(out, ',')
		}
		var ok bool
		if out, ok = appendString(out, k.String()); !ok {
			return out, false
		}
		out = append(out, ':')
		if out, ok = appendSingular(out, mp.Get(k), fd.MapValue(), opts); !ok {
			return out, false
		}
	}
	return append(out, '}'), true
}

func compareBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

func cmpOrdered[T int64 | uint64 | string](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func appendSingular(out []byte, v protoreflect.Value, fd protoreflect.FieldDescriptor, opts protojson.MarshalOptions) ([]byte, bool) {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return strconv.AppendBool(out, v.Bool()), true
	case protoreflect.StringKind:
		return appendString(out, v.String())
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return strconv.AppendInt(out, v.Int(), 10), true
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return strconv.AppendUint(out, v.Uint(), 10), true
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		// 64-bit integers are JSON strings.
		out = append(out, '"')
		return append(strconv.AppendInt(out, v.Int(), 10), '"'), true
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		out = append(out, '"')
		return append(strconv.AppendUint(out, v.Uint(), 10), '"'), true
	case protoreflect.FloatKind:
		return appendFloat(out, v.Float(), 32), true
	case protoreflect.DoubleKind:
		return appendFloat(out, v.Float(), 64), true
	case protoreflect.BytesKind:
		out = append(out, '"')
		return append(base64.StdEncoding.AppendEncode(out, v.Bytes()), '"'), true
	case protoreflect.EnumKind:
		if fd.Enum().FullName() == "google.protobuf.NullValue" {
			return append(out, "null"...), true
		}
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			return appendString(out, string(ev.Name()))
		}
		return strconv.AppendInt(out, int64(v.Enum()), 10), true
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return appendMessage(out, v.Message(), opts)
	}
	return out, false
}

// appendString quotes s as protojson does: only '"', '\\' and control
// characters escaped (\b \f \n \r \t by name, the rest as \u00XX), every
// other character as it is; false when s is not UTF-8.
func appendString(out []byte, s string) ([]byte, bool) {
	out = append(out, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return out, false
			}
			i += n
			continue
		}
		if c >= ' ' && c != '"' && c != '\\' {
			i++
			continue
		}
		out = append(out, s[start:i]...)
		out = append(out, '\\')
		switch c {
		case '"', '\\':
			out = append(out, c)
		case '\b':
			out = append(out, 'b')
		case '\f':
			out = append(out, 'f')
		case '\n':
			out = append(out, 'n')
		case '\r':
			out = append(out, 'r')
		case '\t':
			out = append(out, 't')
		default:
			out = append(out, 'u')
			out = append(out, "0000"[1+(bits.Len32(uint32(c))-1)/4:]...)
			out = strconv.AppendUint(out, uint64(c), 16)
		}
		i++
		start = i
	}
	out = append(out, s[start:]...)
	return append(out, '"'), true
}

// appendFloat writes a float as protojson does: encoding/json's format,
// the special values as strings.
func appendFloat(out []byte, n float64, bitSize int) []byte {
	switch {
	case math.IsNaN(n):
		return append(out, `"NaN"`...)
	case math.IsInf(n, +1):
		return append(out, `"Infinity"`...)
	case math.IsInf(n, -1):
		return append(out, `"-Infinity"`...)
	}
	format := byte('f')
	if abs := math.Abs(n); abs != 0 {
		if bitSize == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bitSize == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	out = strconv.AppendFloat(out, n, format, -1, bitSize)
	if format == 'e' {
		// e-07 → e-7, as encoding/json writes it.
		l := len(out)
		if l >= 4 && out[l-4] == 'e' && out[l-3] == '-' && out[l-2] == '0' {
			out[l-2] = out[l-1]
			out = out[:l-1]
		}
	}
	return out
}
