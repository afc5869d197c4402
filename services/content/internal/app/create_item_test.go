package app_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

func policyDraft(department string) app.CreateItem {
	return app.CreateItem{ContentInput: app.ContentInput{DepartmentCode: department, Kind: domain.KindPolicy,
		Texts: domain.RawTexts{Title: map[string]string{"ko": "정책"}}}}
}

// A4.2: only officials of the owning department (or admins) create its
// items, the department must exist, and refused requests store nothing.
func TestCreateItem(t *testing.T) {
	t.Parallel()
	untitled := policyDraft("SMG-DIGITAL")
	untitled.Texts.Title = map[string]string{"en": "No Korean"}
	longID := policyDraft("SMG-DIGITAL")
	longID.RequestID = strings.Repeat("r", 101)
	cases := []struct {
		name   string
		caller identity.Claims
		cmd    app.CreateItem
		want   errs.Kind
		field  string
	}{
		{"official of the department", digital, policyDraft("SMG-DIGITAL"), errstest.Succeeds, ""},
		{"admin", admin, policyDraft("SMG-DIGITAL"), errstest.Succeeds, ""},
		{"official of another department", culture, policyDraft("SMG-DIGITAL"), errs.KindPermissionDenied, ""},
		{"citizen", citizen, policyDraft("SMG-DIGITAL"), errs.KindPermissionDenied, ""},
		{"moderator", moderator, policyDraft("SMG-DIGITAL"), errs.KindPermissionDenied, ""},
		{"anonymous", anonymous, policyDraft("SMG-DIGITAL"), errs.KindUnauthenticated, ""},
		{"unknown department", admin, policyDraft("SMG-NOWHERE"), errs.KindInvalid, "department_code"},
		{"no Korean title", digital, untitled, errs.KindInvalid, "title.ko"},
		{"request id too long", digital, longID, errs.KindInvalid, "request_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			it, err := f.app.CreateItem(as(tc.caller), tc.cmd)
			errstest.RequireOutcome(t, tc.want, "", err)
			if tc.want != errstest.Succeeds {
				if tc.field != "" {
					requireInvalid(t, err, tc.field)
				}
				require.Empty(t, f.items.byID, "nothing stored")
				return
			}
			require.Len(t, f.items.byID, 1)
			require.Equal(t, domain.StatusDraft, it.Status)
			require.Equal(t, tc.caller.Subject, it.CreatedBy)
			require.Equal(t, f.clock.Now(), it.CreatedAt)
			require.Empty(t, f.items.written, "a draft announces nothing")
		})
	}
}

// A retry with the same request id returns the first item instead of
// making a second; another creator's equal id makes their own.
func TestCreateItemRetry(t *testing.T) {
	t.Parallel()
	f := newFixture()
	cmd := policyDraft("SMG-DIGITAL")
	cmd.RequestID = "req-1"
	first, err := f.app.CreateItem(as(digital), cmd)
	require.NoError(t, err)
	again, err := f.app.CreateItem(as(digital), cmd)
	require.NoError(t, err)
	require.Equal(t, first.ID, again.ID)
	other, err := f.app.CreateItem(as(admin), cmd)
	require.NoError(t, err)
	require.NotEqual(t, first.ID, other.ID)
	require.Len(t, f.items.byID, 2)
}
