package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	boardv1 "github.com/seoul-gov/homepage/gen/seoul/board/v1"
	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	petitionv1 "github.com/seoul-gov/homepage/gen/seoul/petition/v1"
)

func TestQueryEncodesPopulatedFieldsByProtoName(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	q, err := Query(&contentv1.ListItemsRequest{Kind: contentv1.Kind_KIND_CULTURE, DepartmentCode: "SMG-CULTURE", PageSize: 5})
	require.NoError(t, err)
	require.Equal(t, "department_code=SMG-CULTURE&kind=KIND_CULTURE&page_size=5", q.Encode(), "zero fields left out, enums by name")

	q, err = Query(&petitionv1.ComputeDueDateRequest{ComplaintType: "grievance", ReceiveTime: timestamppb.New(at)})
	require.NoError(t, err)
	require.Equal(t, "2026-03-01T09:00:00Z", q.Get("receive_time"), "timestamps in RFC 3339")

	q, err = Query(&boardv1.ListPostsRequest{BoardId: "b1", PageToken: "t"}, "board_id")
	require.NoError(t, err)
	require.Equal(t, "page_token=t", q.Encode(), "fields the path carries are not repeated")
}

// edge is a stand-in for the REST edge that records the last request.
type edge struct {
	srv    *httptest.Server
	last   *http.Request
	body   []byte
	status int
	answer string
	header http.Header
}

func newEdge(t *testing.T) *edge {
	e := &edge{status: http.StatusOK, answer: "{}", header: http.Header{}}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.last, e.body = r, nil
		e.body, _ = io.ReadAll(r.Body)
		for k, v := range e.header {
			w.Header()[k] = v
		}
		w.WriteHeader(e.status)
		_, _ = w.Write([]byte(e.answer))
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func TestCallerActsForTheVisitor(t *testing.T) {
	t.Parallel()
	e := newEdge(t)
	e.answer = `{"departments":[{"code":"SMG-CIVIL","name_ko":"시민소통과","future_field":1}]}`
	k := New(e.srv.URL, time.Second).As("tok", "en", "req-1")
	res, err := k.ListDepartments(context.Background())
	require.NoError(t, err)
	require.Equal(t, "시민소통과", res.GetDepartments()[0].GetNameKo(), "answers decoded into the generated types; unknown fields ignored")
	require.Equal(t, "Bearer tok", e.last.Header.Get("Authorization"))
	require.Equal(t, "en", e.last.Header.Get("Accept-Language"))
	require.Equal(t, "req-1", e.last.Header.Get("X-Request-Id"))

	_, err = New(e.srv.URL, time.Second).As("", "ko", "").ListDepartments(context.Background())
	require.NoError(t, err)
	require.Empty(t, e.last.Header.Get("Authorization"), "the anonymous public sends no token")
}

func TestPatchNamesTheChangedFieldsAndTheVersion(t *testing.T) {
	t.Parallel()
	e := newEdge(t)
	k := New(e.srv.URL, time.Second).As("tok", "ko", "")
	_, err := k.EditPost(context.Background(), &boardv1.EditPostRequest{PostId: "p1", Post: &boardv1.Post{Title: ""},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}}, Etag: "v7"})
	require.NoError(t, err)
	require.Equal(t, http.MethodPatch, e.last.Method)
	require.Equal(t, "/v1/posts/p1", e.last.URL.Path)
	require.Equal(t, "title", e.last.URL.Query().Get("update_mask"), "an emptied title is still named")
	require.Equal(t, `"v7"`, e.last.Header.Get("If-Match"))
	require.JSONEq(t, `{}`, string(e.body))
}

func TestEdgeErrorsDecoded(t *testing.T) {
	t.Parallel()
	e := newEdge(t)
	e.status = http.StatusBadRequest
	e.answer = `{"code":3,"status":"INVALID_ARGUMENT","reason":"INVALID","message":"입력값에 잘못된 항목이 있습니다.",
	  "field_violations":[{"field":"contact.phone","reason":"PHONE","description":"휴대전화 번호가 아닙니다."}]}`
	k := New(e.srv.URL, time.Second).As("tok", "ko", "")
	_, err := k.SubmitComplaint(context.Background(), &petitionv1.SubmitComplaintRequest{Title: "x"})
	apiErr, ok := As(err)
	require.True(t, ok)
	require.True(t, apiErr.Invalid())
	require.Equal(t, []FieldViolation{{Field: "contact.phone", Reason: "PHONE", Description: "휴대전화 번호가 아닙니다."}}, apiErr.FieldViolations)

	var sent map[string]any
	require.NoError(t, json.Unmarshal(e.body, &sent))
	require.Equal(t, "x", sent["title"], "bodies use the proto field names")

	e.status, e.answer = http.StatusServiceUnavailable, `{"code":14,"status":"UNAVAILABLE","message":"잠시 후"}`
	e.header.Set("Retry-After", "2")
	_, err = k.ListDepartments(context.Background())
	apiErr, _ = As(err)
	require.Equal(t, http.StatusServiceUnavailable, apiErr.HTTPStatus)
	require.Equal(t, "2", apiErr.RetryAfter)

	_, err = New("http://127.0.0.1:1", time.Second).As("", "ko", "").ListDepartments(context.Background())
	require.Equal(t, http.StatusServiceUnavailable, StatusOf(err), "an edge that does not answer is unavailable")
}
