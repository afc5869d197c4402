package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/identity"
)

// A3.1.1: the edge keeps anonymous reads in memory, and a change made
// behind its back — by a department's system calling the content service
// directly over gRPC — reaches readers through the edge as soon as the
// service's event does: outbox, relay, NATS, the edge's subscription.
func TestA3_1_1_EdgeCacheShowsADirectWriteAfterItsEvent(t *testing.T) {
	s := suite(t)
	official := s.Client(t, identity.Claims{Subject: "cache-official", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	id := contentReviewPublished(t, official, "edge-cache-fresh")
	path := "/v1/items/" + id
	// The publication's own events may still be on their way: wait until
	// the answer is kept.
	var cached *Response
	require.Eventually(t, func() bool {
		cached = s.Public().Do(t, "GET", path, nil)
		return cached.Status == http.StatusOK && cached.Header.Get("X-Cache") == "HIT"
	}, 20*time.Second, 5*time.Millisecond)
	require.NotEmpty(t, cached.Header.Get("ETag"))
	require.Equal(t, "no-cache", cached.Header.Get("Cache-Control"))

	cc, err := grpc.NewClient(s.Launch.GRPCAddr("content"), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { cc.Close() })
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+official.token)
	_, err = contentv1.NewContentServiceClient(cc).UpdateItem(ctx, &contentv1.UpdateItemRequest{ItemId: id,
		Item:       &contentv1.ItemContent{Title: map[string]string{"ko": "캐시 너머의 새 제목"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title.ko"}}})
	require.NoError(t, err)

	require.Eventually(t, func() bool {
		r := s.Public().Do(t, "GET", path, nil)
		return r.Status == http.StatusOK && strings.Contains(string(r.Body), "캐시 너머의 새 제목")
	}, 20*time.Second, 5*time.Millisecond)
}

// A10.1: what a signed-in caller gets is never kept for anyone else. A
// citizen's own complaint (with their masked contact) and an official's
// editor view of an item go to them alone — no-store, not from the cache —
// and the same addresses asked anonymously or by another citizen answer
// as those callers may see, before and after.
func TestA10_1_EdgeCacheNeverServesACallersAnswerToAnother(t *testing.T) {
	s := suite(t)
	sub := "cache-citizen-" + time.Now().Format("150405.000000")
	me := s.Client(t, identity.Claims{Subject: sub, Roles: []identity.Role{identity.RoleCitizen}})
	other := s.Client(t, identity.Claims{Subject: sub + "-other", Roles: []identity.Role{identity.RoleCitizen}})
	r := me.Do(t, "POST", "/v1/complaints", map[string]any{"request_id": sub, "complaint_type": "inquiry_procedure",
		"title": "캐시 확인", "body": "보도블록이 깨졌습니다.", "contact": map[string]string{"name": "한캐시", "phone": "010-2468-1357"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var filed filedComplaint
	r.JSON(t, &filed)
	mine := "/v1/complaints/" + filed.Complaint.ID

	for range 2 {
		r = me.Do(t, "GET", mine, nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Contains(t, string(r.Body), "010-****-1357")
		require.Equal(t, "no-store", r.Header.Get("Cache-Control"))
		require.Empty(t, r.Header.Get("X-Cache"))
		for _, c := range []*Client{s.Public(), other} {
			r = c.Do(t, "GET", mine, nil)
			require.NotEqual(t, http.StatusOK, r.Status, string(r.Body))
			require.NotContains(t, string(r.Body), "1357")
		}
	}

	official := s.Client(t, identity.Claims{Subject: "cache-editor", Roles: []identity.Role{identity.RoleOfficial}, Department: "SMG-DIGITAL"})
	id := contentReviewPublished(t, official, "edge-cache-editor")
	editor := "/v1/items/" + id + "?view=ITEM_VIEW_EDITOR"
	for range 2 {
		r = official.Do(t, "GET", editor, nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Contains(t, string(r.Body), `"texts":[{`)
		require.Empty(t, r.Header.Get("X-Cache"))
		for _, c := range []*Client{s.Public(), other} {
			r = c.Do(t, "GET", editor, nil)
			require.NotEqual(t, http.StatusOK, r.Status, string(r.Body))
			require.NotContains(t, string(r.Body), `"texts":[{`)
		}
	}
}
