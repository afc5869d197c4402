package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func content(t *testing.T, kind domain.Kind, titles map[string]string) domain.Content {
	t.Helper()
	c, err := domain.NewContent("SMG-CULTURE", kind, "", domain.RawTexts{Title: titles}, nil, nil)
	require.NoError(t, err)
	return c
}

func published(t *testing.T, kind domain.Kind, titles map[string]string) *domain.Item {
	t.Helper()
	it := domain.NewItem("i1", content(t, kind, titles), "o1", t0)
	require.NoError(t, it.Submit(t0))
	require.NoError(t, it.Publish("o1", t0, domain.DefaultReviewCycles()))
	return it
}

func TestWorkflowTransitions(t *testing.T) {
	t.Parallel()
	it := domain.NewItem("i1", content(t, domain.KindPolicy, map[string]string{"ko": "정책"}), "o1", t0)
	require.True(t, errs.Is(it.Publish("o1", t0, nil), errs.KindFailedPrecondition), "draft cannot skip review")
	require.NoError(t, it.Submit(t0))
	require.True(t, errs.Is(it.Submit(t0), errs.KindFailedPrecondition))
	require.NoError(t, it.Publish("o1", t0, nil))
	require.Equal(t, 1, it.Revision)
	it.Archive("o1", t0)
	it.Archive("o1", t0) // harmless repeat, no second event
	require.Equal(t, domain.StatusArchived, it.Status)
	_, err := it.Replace(content(t, domain.KindPolicy, map[string]string{"ko": "새 정책"}), "o1", "", t0, nil)
	require.True(t, errs.Is(err, errs.KindFailedPrecondition))
	var actions []domain.Action
	for _, e := range it.Events() {
		actions = append(actions, e.(domain.ItemChanged).Action)
	}
	require.Equal(t, []domain.Action{domain.ActionPublished, domain.ActionArchived}, actions)
}

// A4.1: the next review is due one cycle of the item's kind after the last
// verification; publishing, updating and confirming all verify.
func TestReviewDueFollowsKindCycle(t *testing.T) {
	t.Parallel()
	cycles := domain.DefaultReviewCycles()
	it := published(t, domain.KindWorkProgress, map[string]string{"ko": "공정률"})
	require.Equal(t, t0.Add(30*24*time.Hour), it.NextReviewDue)
	require.False(t, it.IsStale(t0.Add(29*24*time.Hour)))
	require.True(t, it.IsStale(t0.Add(30*24*time.Hour)))

	later := t0.Add(40 * 24 * time.Hour)
	require.NoError(t, it.Confirm("o2", later, cycles))
	require.Equal(t, later, it.LastVerifiedAt)
	require.Equal(t, later.Add(30*24*time.Hour), it.NextReviewDue)
	require.False(t, it.IsStale(later))

	custom, err := domain.ParseReviewCycles("work_progress=7")
	require.NoError(t, err)
	require.Equal(t, 7*24*time.Hour, custom.For(domain.KindWorkProgress))
	require.Equal(t, 180*24*time.Hour, custom.For(domain.KindPolicy))
	_, err = domain.ParseReviewCycles("weather=3")
	require.Error(t, err)
}

// A4.1: each transition to stale is announced once; a confirmation starts
// a new cycle that may be announced again.
func TestStaleAnnouncedOncePerTransition(t *testing.T) {
	t.Parallel()
	cycles := domain.DefaultReviewCycles()
	it := published(t, domain.KindCulture, map[string]string{"ko": "축제"})
	due := it.NextReviewDue
	require.False(t, it.AnnounceStale(due.Add(-time.Second)), "not due yet")
	require.True(t, it.AnnounceStale(due))
	require.False(t, it.AnnounceStale(due.Add(time.Hour)), "already announced")
	require.NoError(t, it.Confirm("o1", due.Add(2*time.Hour), cycles))
	require.True(t, it.StaleAnnouncedAt.IsZero())
	require.True(t, it.AnnounceStale(it.NextReviewDue))
	stale := 0
	for _, e := range it.Events() {
		if e.(domain.ItemChanged).Action == domain.ActionBecameStale {
			stale++
		}
	}
	require.Equal(t, 2, stale)
}

// A2: a translation becomes stale when the Korean reference changes after
// it; readers then get Korean with an explicit marker, never silently.
func TestTranslationStaleness(t *testing.T) {
	t.Parallel()
	cycles := domain.DefaultReviewCycles()
	it := published(t, domain.KindTourism, map[string]string{"ko": "한강 공원", "en": "Hangang Park", "zh-Hans": "汉江公园"})
	s := it.Serve("en")
	require.Equal(t, domain.Served{Language: "en", Text: domain.Text{Title: "Hangang Park"}, State: domain.TextCurrent}, s)
	require.Equal(t, "zh-Hans", it.Serve("zh").Language, "a bare language finds its script variant")
	require.Equal(t, domain.TextUntranslated, it.Serve("ja").State)
	require.Equal(t, "ko", it.Serve("ja").Language)

	// The Korean text changes; English is untouched and goes stale.
	changed, err := it.Replace(content(t, domain.KindTourism, map[string]string{"ko": "한강 공원 안내", "en": "Hangang Park", "zh-Hans": "汉江公园"}), "o1", "제목 수정", t0, cycles)
	require.NoError(t, err)
	require.Equal(t, []string{"title.ko"}, changed)
	require.Equal(t, 2, it.Revision)
	s = it.Serve("en")
	require.Equal(t, domain.TextStale, s.State)
	require.Equal(t, "ko", s.Language)
	require.Equal(t, "한강 공원 안내", s.Text.Title)
	require.Equal(t, []domain.TranslationInfo{{Language: "en", Stale: true}, {Language: "zh-Hans", Stale: true}}, it.Translations())

	// The translator catches up: English is current again, Chinese is not.
	_, err = it.Replace(content(t, domain.KindTourism, map[string]string{"ko": "한강 공원 안내", "en": "Hangang Park Guide", "zh-Hans": "汉江公园"}), "o1", "", t0, cycles)
	require.NoError(t, err)
	require.Equal(t, domain.TextCurrent, it.Serve("en").State)
	require.Equal(t, []string{"en", "ko"}, it.CurrentLanguages())
}

func TestReplaceWithoutChangesIsNoRevision(t *testing.T) {
	t.Parallel()
	it := published(t, domain.KindPolicy, map[string]string{"ko": "정책"})
	changed, err := it.Replace(content(t, domain.KindPolicy, map[string]string{"ko": "정책"}), "o1", "", t0, nil)
	require.NoError(t, err)
	require.Empty(t, changed)
	require.Equal(t, 1, it.Revision)
}
