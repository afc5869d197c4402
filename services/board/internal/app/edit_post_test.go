package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/board/internal/app"
)

// A5.5, A5.6: only the author edits, with the current etag; the edit is a
// new revision and announces nothing.
func TestEditPost(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		caller identity.Claims
		etag   func(v app.View) string
		kind   errs.Kind
	}{
		{name: "anonymous", caller: anonymous, kind: errs.KindUnauthenticated},
		{name: "not the author", caller: other, kind: errs.KindPermissionDenied},
		{name: "moderator is not the author", caller: moderator, kind: errs.KindPermissionDenied},
		{name: "stale etag", caller: citizen, etag: func(app.View) string { return `"99"` }, kind: errs.KindConflict},
		{name: "author with the etag", caller: citizen, etag: func(v app.View) string { return v.Etag }},
		{name: "author without an etag", caller: citizen},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			v := f.post(t, citizen, f.board, body)
			f.events()
			tag := ""
			if tc.etag != nil {
				tag = tc.etag(v)
			}
			f.clock.Advance(time.Minute)
			out, err := f.app.EditPost(as(tc.caller), app.Edit{ID: v.Item.ID, Etag: tag, Mask: bodyMask(t),
				Body: "가로등 대신 보안등을 설치해 주시면 좋겠습니다."})
			if tc.kind != 0 {
				errstest.RequireOutcome(t, tc.kind, "", err)
				require.Equal(t, body, f.store.items[v.Item.ID].Body, "a refused edit changes nothing")
				return
			}
			require.NoError(t, err)
			require.Equal(t, "가로등 대신 보안등을 설치해 주시면 좋겠습니다.", out.Item.Body)
			require.Equal(t, "제목입니다", out.Item.Title, "fields the mask does not name stay")
			require.Equal(t, v.Item.Revision+1, f.store.items[v.Item.ID].Revision)
			require.NotEqual(t, v.Etag, out.Etag)
			require.Empty(t, f.events())
		})
	}
}

// An edit addresses the item by its kind: a post's id is no comment.
func TestEditCommentIsNotAPost(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	v := f.post(t, citizen, f.board, body)
	_, err := f.app.EditComment(as(citizen), app.Edit{ID: v.Item.ID, Mask: bodyMask(t), Body: "다른 내용입니다"})
	errstest.RequireOutcome(t, errs.KindNotFound, "", err)
	require.Equal(t, "BOARD_ITEM_NOT_FOUND", errs.ReasonOf(err))
}
