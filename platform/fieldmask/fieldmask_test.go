package fieldmask_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/fieldmask"
)

// structpb.Struct has one map field (fields), enough to exercise keys.
func body(keys ...string) *structpb.Struct {
	s := &structpb.Struct{Fields: map[string]*structpb.Value{}}
	for _, k := range keys {
		s.Fields[k] = structpb.NewStringValue(k)
	}
	return s
}

func mask(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }

func TestParse(t *testing.T) {
	t.Parallel()
	m, err := fieldmask.Parse(nil, body("ko", "en"), "fields.*")
	require.NoError(t, err)
	require.Equal(t, []string{"fields.en", "fields.ko"}, m.Paths(), "no mask: the populated keys")
	require.Equal(t, []string{"en", "ko"}, m.Keys("fields"))
	require.False(t, m.Has("fields"))
	require.True(t, m.Touches("fields"))

	m, err = fieldmask.Parse(mask("*"), body(), "fields.*")
	require.NoError(t, err)
	require.True(t, m.Has("fields"), `"*" is every field as a whole`)

	m, err = fieldmask.Parse(mask("fields"), body(), "fields.*")
	require.NoError(t, err)
	require.True(t, m.Has("fields"))
	require.Empty(t, m.Keys("fields"))
}

func TestParseRefusesUnknownAndFixedPaths(t *testing.T) {
	t.Parallel()
	_, err := fieldmask.Parse(mask("fields.ko", "feilds", "*"), body(), "fields.*")
	var e *errs.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, errs.KindInvalid, e.Kind)
	require.Len(t, e.Violations, 2)
	for _, v := range e.Violations {
		require.Equal(t, fieldmask.Field, v.Field)
	}
	require.Equal(t, "UNKNOWN_FIELD_PATH", e.Violations[0].Reason)
	require.Equal(t, []any{"path", "feilds"}, e.Violations[0].Args)
	require.Equal(t, "WILDCARD_NOT_ALONE", e.Violations[1].Reason)

	_, err = fieldmask.Parse(mask("fields"), body(), "other")
	require.ErrorAs(t, err, &e)
	require.Equal(t, "FIELD_NOT_UPDATABLE", e.Violations[0].Reason)
}

// "**" takes any field at any depth; Apply copies exactly the masked ones.
func TestApplyNestedPaths(t *testing.T) {
	t.Parallel()
	stored := &descriptorpb.FileDescriptorProto{Name: proto.String("a.proto"), Package: proto.String("old"),
		Options: &descriptorpb.FileOptions{JavaPackage: proto.String("old.java"), GoPackage: proto.String("old/go")}}
	patch := &descriptorpb.FileDescriptorProto{Options: &descriptorpb.FileOptions{GoPackage: proto.String("new/go")}}

	m, err := fieldmask.Parse(nil, patch, "**")
	require.NoError(t, err)
	require.Equal(t, []string{"options.go_package"}, m.Paths(), "a nested message by its fields")
	fieldmask.Apply(stored, patch, m)
	require.Equal(t, "new/go", stored.GetOptions().GetGoPackage())
	require.Equal(t, "old.java", stored.GetOptions().GetJavaPackage(), "unmasked siblings stay")
	require.Equal(t, "old", stored.GetPackage())

	m, err = fieldmask.Parse(mask("package", "options.java_package"), patch, "**")
	require.NoError(t, err)
	fieldmask.Apply(stored, patch, m)
	require.Nil(t, stored.Package, "a masked field the patch lacks is cleared")
	require.Nil(t, stored.GetOptions().JavaPackage)

	_, err = fieldmask.Parse(mask("options.nope", "name.x"), patch, "**")
	require.Error(t, err)
}

func TestApplyMapKeys(t *testing.T) {
	t.Parallel()
	stored := body("ko", "en")
	m, err := fieldmask.Parse(mask("fields.ko", "fields.ja"), body("ja"), "fields.*")
	require.NoError(t, err)
	fieldmask.Apply(stored, body("ja"), m)
	require.ElementsMatch(t, []string{"en", "ja"}, keysOf(stored), "ko removed, ja added, en kept")
}

func keysOf(s *structpb.Struct) []string {
	var out []string
	for k := range s.Fields {
		out = append(out, k)
	}
	return out
}
