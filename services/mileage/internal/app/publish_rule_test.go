package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// A8.1, A8.3: only admins change the point table, the validity and the
// catalog; a rule version ends the one before and keeps its translations.
func TestA8_3_PointTableIsTheAdmins(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rule := domain.Rule{Action: domain.ActionPostCreated, Points: 20, WeightPercent: 100, Reason: "개정",
		EffectiveFrom: start.Add(time.Hour)}
	for _, c := range []identity.Claims{official, citizen} {
		_, err := f.app.PublishRule(as(c), rule, map[string]string{"ko": "게시글 작성"})
		errstest.RequireOutcome(t, errs.KindPermissionDenied, "", err)
		_, err = f.app.SetValidity(as(c), domain.Validity{Days: 200, Reason: "개정"})
		errstest.RequireOutcome(t, errs.KindPermissionDenied, "", err)
		_, err = f.app.PutCatalogItem(as(c), f.db.items["transit-1000"], map[string]string{"ko": "교통카드"})
		errstest.RequireOutcome(t, errs.KindPermissionDenied, "", err)
	}
	require.Len(t, f.db.rules, 1, "nothing stored")

	r, err := f.app.PublishRule(as(admin), rule, map[string]string{"ko": "게시글 작성", "en": "Writing a post"})
	require.NoError(t, err)
	require.Equal(t, 2, r.Version)
	require.True(t, rule.EffectiveFrom.Equal(*f.db.rules[0].EffectiveTo), "the version before ends when it starts")
	rule.EffectiveFrom = start.Add(2 * time.Hour)
	r, err = f.app.PublishRule(as(admin), rule, map[string]string{"ko": "게시글 작성하기"})
	require.NoError(t, err)
	require.Equal(t, 3, r.Version)
	require.Equal(t, "Writing a post", r.Description.Texts["en"], "carried over")

	rule.EffectiveFrom = start.Add(time.Hour)
	_, err = f.app.PublishRule(as(admin), rule, nil)
	require.ElementsMatch(t, []string{"effective_time"}, errstest.Fields(t, err))
	_, err = f.app.PublishRule(as(admin), domain.Rule{Action: "nope"}, nil)
	require.True(t, errs.Is(err, errs.KindInvalid))
	require.Len(t, f.db.rules, 3)

	v, err := f.app.SetValidity(as(admin), domain.Validity{Days: 200, NoticeDays: 10, Reason: "개정"})
	require.NoError(t, err)
	require.Equal(t, 2, v.Version)
	_, err = f.app.SetValidity(as(admin), domain.Validity{Days: 0, Reason: ""})
	require.ElementsMatch(t, []string{"validity_days", "reason"}, errstest.Fields(t, err))
}

// A8.1.3, A2: an admin puts catalog items; the name's languages not given
// are kept from the stored item; a malformed id is named, never looked up.
func TestA8_1_3_PutCatalogItem(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	it := f.db.items["transit-1000"]
	got, err := f.app.PutCatalogItem(as(admin), it, map[string]string{"ko": "교통카드 충전", "en": "Transit top-up"})
	require.NoError(t, err)
	require.Equal(t, "Transit top-up", got.Name.Texts["en"])
	got, err = f.app.PutCatalogItem(as(admin), it, map[string]string{"ko": "교통카드 충전 1000"})
	require.NoError(t, err)
	require.Equal(t, "Transit top-up", got.Name.Texts["en"], "kept")
	require.Equal(t, "교통카드 충전 1000", f.db.items["transit-1000"].Name.Texts["ko"])

	it.ID = "Bad ID"
	_, err = f.app.PutCatalogItem(as(admin), it, map[string]string{"ko": "x"})
	require.ElementsMatch(t, []string{"item.item_id"}, errstest.Fields(t, err))
	require.Len(t, f.db.items, 1)
}
