package server_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
	"github.com/seoul-gov/homepage/services/content/internal/events"
	"github.com/seoul-gov/homepage/services/content/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/content/server"
)

// day is a calendar day on the fake clock.
const day = 24 * time.Hour

// detector is a replica's use cases over its own store, beside the
// service's own background detector, on the same clock.
func detector(s *suite, now clock.Clock) *app.App {
	store := postgres.New(pg.Pool(s.env.Pool), events.Writer)
	return app.New(app.Ports{Departments: store.Departments(), Items: store.Items(), Feedback: store.Feedback(),
		History: store.History(), Facts: store.Facts(), Views: postgres.NewViewBuffer(pg.Pool(s.env.Pool))},
		app.Settings{ReviewCycles: domain.DefaultReviewCycles()}, now)
}

// withClock is the test configuration on a fake clock standing now.
func withClock() (*server.Config, *clock.Fake) {
	fake := clock.NewFake(time.Now())
	cfg := server.TestConfig()
	cfg.Clock = fake.Now
	return cfg, fake
}

// A4.1: the detector announces an item that became stale once, lists it
// for its department, and a confirmation makes it fresh again.
func TestStaleItemsAnnouncedOnceAndListed(t *testing.T) {
	t.Parallel()
	cfg, now := withClock()
	cfg.StaleScanInterval = 50 * time.Millisecond
	s := start(t, cfg)
	item := s.publish(t, s.digital, draft("오래된 공지")) // policy: due in 180 days
	now.Advance(90 * day)
	fresh := s.publish(t, s.digital, draft("새 공지"))
	now.Advance(100 * day) // item 10 days overdue, fresh due in 80 days

	evs := servicetest.Events[contentv1.ItemBecameStale](t, s.env.JS, "CONTENT", "seoul.content.item.stale", 1)
	require.Equal(t, item.Id, evs[0].ItemId)
	require.Equal(t, "SMG-DIGITAL", evs[0].DepartmentCode)
	// Another detector round (as another replica would run) finds nothing
	// new to announce.
	again, err := detector(s, now.Now).DetectStale(context.Background())
	require.NoError(t, err)
	require.Zero(t, again, "an item already announced is not announced again")
	require.Equal(t, 1, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM outbox WHERE subject = 'seoul.content.item.stale'`))

	stale, err := s.c.ListStaleItems(s.digital, &contentv1.ListStaleItemsRequest{DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Len(t, stale.Items, 1)
	require.Equal(t, item.Id, stale.Items[0].Id)
	require.True(t, stale.Items[0].Stale)
	_, err = s.c.ListStaleItems(s.culture, &contentv1.ListStaleItemsRequest{DepartmentCode: "SMG-DIGITAL"})
	servicetest.RequireCode(t, err, codes.PermissionDenied) // another department's officials cannot list it

	confirmed, err := s.c.ConfirmItemCurrent(s.digital, &contentv1.ConfirmItemCurrentRequest{ItemId: item.Id})
	require.NoError(t, err)
	require.False(t, confirmed.Item.Stale)
	require.Equal(t, now.Now().Add(180*day), confirmed.Item.NextReviewTime.AsTime(), "policy: 180 days")
	stale, err = s.c.ListStaleItems(s.digital, &contentv1.ListStaleItemsRequest{DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Empty(t, stale.Items)
	require.Zero(t, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM items WHERE id = $1 AND stale_announced_at IS NOT NULL`, fresh.Id))

	// Overdue again later: a new transition, announced again (and the
	// other item's first).
	now.Advance(181 * day)
	evs = servicetest.Events[contentv1.ItemBecameStale](t, s.env.JS, "CONTENT", "seoul.content.item.stale", 3)
	announced := map[string]int{}
	for _, e := range evs {
		announced[e.ItemId]++
	}
	require.Equal(t, map[string]int{item.Id: 2, fresh.Id: 1}, announced)
}

// A4.1: replicas running the detector at once announce every stale item
// exactly once (claims with FOR UPDATE SKIP LOCKED).
func TestStaleDetectionSafeWithReplicas(t *testing.T) {
	t.Parallel()
	cfg, now := withClock()
	s := start(t, cfg)
	const n = 40
	for range n {
		s.publish(t, s.digital, draft("점검 대상"))
	}
	now.Advance(181 * day)
	const replicas = 4
	var wg sync.WaitGroup
	got := make([]int, replicas)
	errs := make([]error, replicas)
	for r := range replicas { // each replica with its own store and use cases
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[r], errs[r] = detector(s, now.Now).DetectStale(context.Background())
		}()
	}
	wg.Wait()
	total := 0
	for r := range replicas {
		require.NoError(t, errs[r], "replica %d", r)
		total += got[r]
	}
	require.Equal(t, n, total)
	require.Equal(t, n, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM outbox WHERE subject = 'seoul.content.item.stale'`))
	servicetest.Eventually(t, "all relayed", func() bool {
		return servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM outbox WHERE sent_at IS NULL`) == 0
	})
}
