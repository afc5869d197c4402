package edge

import (
	"context"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
)

// A value of the wrong JSON type is refused naming its field, in Korean,
// not as "the body is not valid JSON" (it is valid): a citizen's form or
// a department's client can then say which field to fix.
func TestWrongTypedValuesAreNamedByTheirPath(t *testing.T) {
	t.Parallel()
	m := namingMarshaler{&runtime.JSONPb{UnmarshalOptions: protojson.UnmarshalOptions{}}}
	cases := map[string][2]string{
		`{"title": "새 제목"}`:                                   {"title", "INVALID_VALUE"},
		`{"title": {"ko": 5}}`:                                {"title.ko", "INVALID_VALUE"},
		"{\n  \"title\": {\"zh-Hans\": [1]}\n}":               {"title.zh-Hans", "INVALID_VALUE"},
		`{"tags": ["안전", 7]}`:                                 {"tags[1]", "INVALID_VALUE"},
		`{"title": {"ko": "제목"}, "kind": {}}`:                 {"kind", "INVALID_ENUM"},
		`{"attachments": [{"url": "https://a"}, {"url": 1}]}`: {"attachments[1].url", "INVALID_VALUE"},
		`{"departmentCode": 12}`:                              {"department_code", "INVALID_VALUE"},
	}
	for body, want := range cases {
		var item contentv1.ItemContent
		err := m.NewDecoder(strings.NewReader(body)).Decode(&item)
		require.Error(t, err, body)
		st := withDecodeViolation(context.Background(), status.New(codes.InvalidArgument, err.Error()))
		v := violations(t, st)
		require.Equal(t, want[0], v[0].GetField(), body)
		require.Equal(t, want[1], v[0].GetReason(), body)
		require.NotContains(t, st.Message(), "JSON", body)
	}
}

// A body that is not JSON at all is still INVALID_JSON, and one that
// decodes is untouched.
func TestNamingMarshalerLeavesOtherBodiesAlone(t *testing.T) {
	t.Parallel()
	m := namingMarshaler{&runtime.JSONPb{}}
	var item contentv1.ItemContent
	err := m.NewDecoder(strings.NewReader(`{"title": `)).Decode(&item)
	require.Error(t, err)
	st := withDecodeViolation(context.Background(), status.New(codes.InvalidArgument, err.Error()))
	require.Equal(t, "요청 본문이 올바른 JSON이 아닙니다.", st.Message())
	require.NoError(t, m.NewDecoder(strings.NewReader(`{"title": {"ko": "제목"}}`)).Decode(&item))
	require.Equal(t, "제목", item.GetTitle()["ko"])
}
