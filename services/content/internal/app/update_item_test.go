package app_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/etag"
	"github.com/seoul-gov/homepage/platform/fieldmask"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// mask is a validated update mask naming paths, as the transport reads it.
func mask(t *testing.T, paths ...string) fieldmask.Mask {
	t.Helper()
	m, err := fieldmask.Parse(&fieldmaskpb.FieldMask{Paths: paths}, &contentv1.ItemContent{}, app.Updatable...)
	require.NoError(t, err)
	return m
}

// A4.1, A4.2: the department's officials and admins edit its items; the
// public never learns of drafts; a stale etag, a move to a department the
// caller cannot edit or bad content changes nothing; a published item's
// edit is a new revision, announced, and counts as a review.
func TestUpdateItem(t *testing.T) {
	t.Parallel()
	retitle := func(t *testing.T, it *domain.Item) app.UpdateItem {
		return app.UpdateItem{Target: app.Target{ID: it.ID}, Mask: mask(t, "title.ko"),
			ContentInput: app.ContentInput{Texts: domain.RawTexts{Title: map[string]string{"ko": "새 제목"}}}}
	}
	cases := []struct {
		name   string
		caller identity.Claims
		status domain.Status
		edit   func(*testing.T, *domain.Item) app.UpdateItem
		want   errs.Kind
		field  string
		event  bool
	}{
		{"official edits a draft", digital, domain.StatusDraft, retitle, errstest.Succeeds, "", false},
		{"official edits a published item", digital, domain.StatusPublished, retitle, errstest.Succeeds, "", true},
		{"admin", admin, domain.StatusPublished, retitle, errstest.Succeeds, "", true},
		{"official of another department", culture, domain.StatusPublished, retitle, errs.KindPermissionDenied, "", false},
		{"citizen on a published item", citizen, domain.StatusPublished, retitle, errs.KindPermissionDenied, "", false},
		{"citizen on a draft", citizen, domain.StatusDraft, retitle, errs.KindNotFound, "", false},
		{"anonymous on a draft", anonymous, domain.StatusDraft, retitle, errs.KindNotFound, "", false},
		{"archived", digital, domain.StatusArchived, retitle, errs.KindFailedPrecondition, "", false},
		{"stale etag", digital, domain.StatusPublished, func(t *testing.T, it *domain.Item) app.UpdateItem {
			u := retitle(t, it)
			u.Etag = etag.Of(it.Version - 1)
			return u
		}, errs.KindConflict, "", false},
		{"move to a department the caller cannot edit", digital, domain.StatusDraft, func(t *testing.T, it *domain.Item) app.UpdateItem {
			return app.UpdateItem{Target: app.Target{ID: it.ID}, Mask: mask(t, "department_code"),
				ContentInput: app.ContentInput{DepartmentCode: "SMG-CULTURE"}}
		}, errs.KindPermissionDenied, "", false},
		{"move to an unknown department", admin, domain.StatusDraft, func(t *testing.T, it *domain.Item) app.UpdateItem {
			return app.UpdateItem{Target: app.Target{ID: it.ID}, Mask: mask(t, "department_code"),
				ContentInput: app.ContentInput{DepartmentCode: "SMG-NOWHERE"}}
		}, errs.KindInvalid, "item.department_code", false},
		{"Korean title removed", digital, domain.StatusDraft, func(t *testing.T, it *domain.Item) app.UpdateItem {
			return app.UpdateItem{Target: app.Target{ID: it.ID}, Mask: mask(t, "title.ko")}
		}, errs.KindInvalid, "item.title.ko", false},
		{"change note too long", digital, domain.StatusDraft, func(t *testing.T, it *domain.Item) app.UpdateItem {
			u := retitle(t, it)
			u.Note = strings.Repeat("가", 501)
			return u
		}, errs.KindInvalid, "change_note", false},
		{"not an id", digital, domain.StatusDraft, func(t *testing.T, it *domain.Item) app.UpdateItem {
			u := retitle(t, it)
			u.ID = "item-1"
			return u
		}, errs.KindInvalid, "item_id", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it := f.seed(t, "SMG-DIGITAL", tc.status)
			f.clock.Advance(day)
			got, err := f.app.UpdateItem(as(tc.caller), tc.edit(t, it))
			errstest.RequireOutcome(t, tc.want, "", err)
			stored := f.items.byID[it.ID]
			if tc.want != errstest.Succeeds {
				if tc.field != "" {
					requireInvalid(t, err, tc.field)
				}
				require.Equal(t, it.Version, stored.Version, "nothing changed")
				require.Empty(t, f.items.written)
				return
			}
			require.Equal(t, "새 제목", got.Texts["ko"].Title)
			require.Equal(t, it.Version+1, stored.Version)
			require.Equal(t, tc.event, len(f.items.written) == 1, "published edits are announced: %v", f.items.written)
			if tc.event {
				changed := f.items.written[0].(domain.ItemChanged)
				require.Equal(t, domain.ActionUpdated, changed.Action)
				require.Equal(t, it.Revision+1, changed.Revision)
				require.Equal(t, f.clock.Now().Add(180*day), stored.NextReviewDue, "an edit counts as a review")
			}
		})
	}
}
