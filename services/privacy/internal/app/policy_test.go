package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/errs/errstest"
	"github.com/seoul-gov/homepage/platform/identity"
	"github.com/seoul-gov/homepage/platform/localized"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
)

func policy(version string, from time.Time) app.PolicyInput {
	return app.PolicyInput{Version: version, Titles: map[string]string{"ko": "개인정보 처리방침", "en": "Privacy policy"},
		Bodies: map[string]string{"ko": "본문", "en": "Body", "zh": "正文", "ja": "本文"}, EffectiveFrom: from}
}

// A10.3: privacy officers and admins publish versions; a published text
// never changes; anyone reads the version in force.
func TestPublishPolicyAuthorization(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		claims identity.Claims
		want   errs.Kind
	}{
		{"privacy officer", officer, ok},
		{"admin", admin, ok},
		{"official", official("o-1", "SMG-ROAD"), errs.KindPermissionDenied},
		{"citizen", citizen("cit-1"), errs.KindPermissionDenied},
		{"anonymous", anonymous, errs.KindUnauthenticated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			_, err := f.app.PublishPolicy(as(tc.claims), policy("2.0", f.clock.Now()))
			require.Equal(t, tc.want, kindOf(err), "%v", err)
			require.Equal(t, tc.want == ok, len(f.policies) == 1)
		})
	}
}

func TestPolicyVersions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	now := f.clock.Now()
	_, err := f.app.PublishPolicy(as(officer), policy("1.0", now.Add(-time.Hour)))
	require.NoError(t, err)
	_, err = f.app.PublishPolicy(as(officer), policy("2.0", now.Add(time.Hour)))
	require.NoError(t, err)
	_, err = f.app.PublishPolicy(as(officer), policy("2.0", now.Add(time.Hour)))
	require.NoError(t, err, "republishing the same text is a no-op")
	changed := policy("2.0", now.Add(time.Hour))
	changed.Bodies = map[string]string{"ko": "다른 본문"}
	_, err = f.app.PublishPolicy(as(officer), changed)
	require.Equal(t, errs.KindAlreadyExists, kindOf(err))
	_, err = f.app.PublishPolicy(as(officer), app.PolicyInput{Version: "x", Titles: map[string]string{"en": "English only"}})
	fields := errstest.Fields(t, err)
	require.ElementsMatch(t, []string{"version", "title.texts.ko", "body.texts.ko", "effective_time"}, fields, "Korean is the reference")

	current, err := f.app.GetCurrentPolicy(context.Background())
	require.NoError(t, err)
	require.Equal(t, "1.0", current.Version, "2.0 is not in force yet")
	f.clock.Advance(2 * time.Hour)
	current, err = f.app.GetCurrentPolicy(context.Background())
	require.NoError(t, err)
	require.Equal(t, "2.0", current.Version)
	all, err := f.app.ListPolicyVersions(context.Background())
	require.NoError(t, err)
	require.Len(t, all, 2)
	// A2: four languages, served by the suite's rule for public texts.
	require.Equal(t, "本文", current.Body.Serve("ja").Text)
	require.Equal(t, "正文", current.Body.Serve("zh-CN").Text)
	require.Equal(t, localized.Untranslated, current.Title.Serve("ja").State, "no Japanese title: Korean, marked")
	require.Equal(t, "개인정보 처리방침", current.Title.Serve("ja").Text)
}
