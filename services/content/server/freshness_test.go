package server_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/internal/app"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
	"github.com/seoul-gov/homepage/services/content/internal/events"
	"github.com/seoul-gov/homepage/services/content/internal/store/postgres"
	"github.com/seoul-gov/homepage/services/content/server"
)

// overdue moves an item's review due date into the past, as time would.
func (s *suite) overdue(t *testing.T, id string, by time.Duration) {
	t.Helper()
	_, err := s.env.Pool.Exec(context.Background(),
		`UPDATE items SET next_review_due = now() - $2::interval WHERE id = $1`, id, by.String())
	require.NoError(t, err)
}

// detector is a replica's use cases over its own store, beside the
// service's own background detector.
func detector(s *suite) *app.App {
	store := postgres.New(pg.Pool(s.env.Pool), events.Writer)
	return app.New(app.Ports{Departments: store.Departments(), Items: store.Items(), Feedback: store.Feedback(),
		History: store.History(), Views: postgres.NewViewBuffer(pg.Pool(s.env.Pool), nil)}, domain.DefaultReviewCycles())
}

// A4.1: the detector announces an item that became stale once, lists it
// for its department, and a confirmation makes it fresh again.
func TestStaleItemsAnnouncedOnceAndListed(t *testing.T) {
	t.Parallel()
	s := start(t, &server.Config{StaleScanInterval: 50 * time.Millisecond, ViewFlushInterval: time.Hour})
	item := s.publish(t, s.digital, draft("오래된 공지"))
	fresh := s.publish(t, s.digital, draft("새 공지"))
	s.overdue(t, item.Id, 48*time.Hour)

	evs := awaitEvents(t, s, "seoul.content.item.stale", 1, func() *contentv1.ItemBecameStale { return &contentv1.ItemBecameStale{} })
	require.Equal(t, item.Id, evs[0].ItemId)
	require.Equal(t, "SMG-DIGITAL", evs[0].DepartmentCode)
	// Another detector round (as another replica would run) finds nothing
	// new to announce.
	again, err := detector(s).DetectStale(context.Background())
	require.NoError(t, err)
	require.Zero(t, again, "an item already announced is not announced again")
	require.Equal(t, 1, s.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.content.item.stale'`))

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
	require.True(t, confirmed.Item.NextReviewDue.AsTime().After(time.Now().Add(150*24*time.Hour)), "policy: 180 days")
	stale, err = s.c.ListStaleItems(s.digital, &contentv1.ListStaleItemsRequest{DepartmentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	require.Empty(t, stale.Items)

	// Overdue again later: a new transition, announced again.
	s.overdue(t, item.Id, time.Hour)
	awaitEvents(t, s, "seoul.content.item.stale", 2, func() *contentv1.ItemBecameStale { return &contentv1.ItemBecameStale{} })
	require.Equal(t, 0, s.count(t, `SELECT count(*) FROM items WHERE id = $1 AND stale_announced_at IS NOT NULL`, fresh.Id))
}

// A4.1: replicas running the detector at once announce every stale item
// exactly once (claims with FOR UPDATE SKIP LOCKED).
func TestStaleDetectionSafeWithReplicas(t *testing.T) {
	t.Parallel()
	s := start(t, quiet())
	const n = 40
	for range n {
		it := s.publish(t, s.digital, draft("점검 대상"))
		s.overdue(t, it.Id, time.Hour)
	}
	const replicas = 4
	var wg sync.WaitGroup
	got := make([]int, replicas)
	errs := make([]error, replicas)
	for r := range replicas { // each replica with its own store and use cases
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[r], errs[r] = detector(s).DetectStale(context.Background())
		}()
	}
	wg.Wait()
	total := 0
	for r := range replicas {
		require.NoError(t, errs[r], "replica %d", r)
		total += got[r]
	}
	require.Equal(t, n, total)
	require.Equal(t, n, s.count(t, `SELECT count(*) FROM outbox WHERE subject = 'seoul.content.item.stale'`))
	servicetest.Eventually(t, "all relayed", func() bool {
		return s.count(t, `SELECT count(*) FROM outbox WHERE sent_at IS NULL`) == 0
	})
}
