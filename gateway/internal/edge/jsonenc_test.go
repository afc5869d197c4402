package edge

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// answerJSON writes every message of the suite's services as protojson
// does, byte for byte once protojson's random spaces after commas are
// removed: empty, and filled in several ways (every kind of value, the
// strings that need escaping, the floats written with an exponent, each
// member of a oneof in turn).
func TestAnswerJSONWritesWhatProtojsonWrites(t *testing.T) {
	t.Parallel()
	opts := protojson.MarshalOptions{UseProtoNames: true, EmitUnpopulated: true}
	enc := answerJSON{&runtime.JSONPb{MarshalOptions: opts}}
	n := 0
	protoregistry.GlobalTypes.RangeMessages(func(mt protoreflect.MessageType) bool {
		// The suite's messages, and google.api's and google.rpc's for a
		// oneof (google.api.HttpRule's pattern), which the suite's lack.
		name := string(mt.Descriptor().FullName())
		if !strings.HasPrefix(name, "seoul.") && !strings.HasPrefix(name, "google.api.") &&
			!strings.HasPrefix(name, "google.rpc.") {
			return true
		}
		for variant := range 4 {
			m := mt.New()
			if variant > 0 {
				fill(m, variant, 0)
			}
			want, err := opts.Marshal(m.Interface())
			require.NoError(t, err, mt.Descriptor().FullName())
			got, err := enc.Marshal(m.Interface())
			require.NoError(t, err)
			require.Equal(t, string(compact(t, want)), string(got), "%s variant %d", mt.Descriptor().FullName(), variant)
			n++
		}
		return true
	})
	require.Greater(t, n, 400, "the suite's messages were compared")
}

// Strings that are not UTF-8 are refused as protojson refuses them.
func TestAnswerJSONRefusesWhatProtojsonRefuses(t *testing.T) {
	t.Parallel()
	opts := protojson.MarshalOptions{UseProtoNames: true, EmitUnpopulated: true}
	enc := answerJSON{&runtime.JSONPb{MarshalOptions: opts}}
	mt, err := protoregistry.GlobalTypes.FindMessageByName("seoul.content.v1.Department")
	require.NoError(t, err)
	m := mt.New()
	m.Set(m.Descriptor().Fields().ByName("code"), protoreflect.ValueOfString("D\xff"))
	_, want := opts.Marshal(m.Interface())
	_, got := enc.Marshal(m.Interface())
	require.Error(t, want)
	require.Equal(t, want, got)
}

// compact removes the spaces protojson may add after commas (the output is
// otherwise compact; spaces inside strings are kept).
func compact(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, json.Compact(&out, b))
	return out.Bytes()
}

var fillStrings = []string{"기획조정실", "a\"b\\c\n\t\r\b\f\x01\x1f</p>&\u2028\u00e9\ufffd", "", "plain"}

var fillFloats = []float64{1.5, 1e21, 1e-7, -0.25, 123456789, math.Inf(1), math.NaN(), 3.4e38}

// fill sets every field of m (nested messages to depth 3), choosing values
// and oneof members by variant.
func fill(m protoreflect.Message, variant, depth int) {
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if oo := fd.ContainingOneof(); oo != nil && !oo.IsSynthetic() && (i+variant)%oo.Fields().Len() != 0 {
			continue
		}
		if fd.ContainingOneof() != nil && fd.ContainingOneof().IsSynthetic() && variant == 2 {
			continue // a proto3 optional left unset
		}
		switch {
		case fd.IsList():
			l := m.Mutable(fd).List()
			for j := range 2 {
				if v, ok := fillValue(l.NewElement(), fd, variant+j, depth); ok {
					l.Append(v)
				}
			}
		case fd.IsMap():
			mp := m.Mutable(fd).Map()
			for j := range 3 {
				k := fillKey(fd.MapKey(), variant+j)
				if v, ok := fillValue(mp.NewValue(), fd.MapValue(), variant+j, depth); ok {
					mp.Set(k, v)
				}
			}
		case fd.Message() != nil:
			if v, ok := fillValue(m.NewField(fd), fd, variant, depth); ok {
				m.Set(fd, v)
			}
		default:
			if v, ok := fillValue(protoreflect.Value{}, fd, variant, depth); ok {
				m.Set(fd, v)
			}
		}
	}
}

func fillValue(v protoreflect.Value, fd protoreflect.FieldDescriptor, variant, depth int) (protoreflect.Value, bool) {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(variant%2 == 1), true
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(fillStrings[variant%len(fillStrings)]), true
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(-7 * variant)), true
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(4000000000 - variant)), true
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(math.MinInt64 + int64(variant)), true
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(math.MaxUint64 - uint64(variant)), true
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32(float32(fillFloats[variant%len(fillFloats)])), true
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(fillFloats[(variant+3)%len(fillFloats)]), true
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes([]byte("\x00\xffbytes"[:variant%9])), true
	case protoreflect.EnumKind:
		values := fd.Enum().Values()
		if variant == 3 {
			return protoreflect.ValueOfEnum(99), true // a number the enum does not name
		}
		return protoreflect.ValueOfEnum(values.Get(variant % values.Len()).Number()), true
	}
	// A message.
	msg := v.Message()
	name := msg.Descriptor().FullName()
	switch {
	case name == "google.protobuf.Any" || name == "google.protobuf.Value":
		return v, false // valid only with contents this filler does not make
	case name.Parent() == "google.protobuf":
		return v, true // present and empty: the epoch, zero, false, ""
	case depth >= 3:
		return v, variant != 2
	}
	fill(msg, variant, depth+1)
	return v, true
}

func fillKey(fd protoreflect.FieldDescriptor, variant int) protoreflect.MapKey {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(variant%2 == 0).MapKey()
	case protoreflect.StringKind:
		return protoreflect.ValueOfString([]string{"b", "a", "가", "A"}[variant%4]).MapKey()
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(10 - 7*variant)).MapKey()
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(int64(10 - 7*variant)).MapKey()
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(10 + 7*variant)).MapKey()
	}
	return protoreflect.ValueOfUint64(uint64(100 - variant)).MapKey()
}
