package events

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// A7.2 with A8.1: only a mileage prize carries points for the mileage
// service to credit; other prizes are announced without points.
func TestPrizeAwardedCarriesPointsOnlyForMileagePrizes(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for kind, want := range map[domain.PrizeKind]int64{domain.PrizeMileage: 1000, domain.PrizeGoods: 0} {
		subject, msg := encode(domain.PrizeAwarded{AwardID: "w1", EventID: "e1", SubjectID: "s1", PrizeKind: kind,
			UnitValue: 1000, At: at})
		require.Equal(t, "seoul.event.prize.awarded", subject)
		require.Equal(t, want, msg.(*eventv1.PrizeAwarded).GetPoints(), kind)
		require.Equal(t, int64(1000), msg.(*eventv1.PrizeAwarded).GetUnitValue())
	}
}

// The life-cycle steps keep their subjects.
func TestLifeCycleSubjects(t *testing.T) {
	t.Parallel()
	for status, want := range map[domain.Status]string{domain.StatusAnnounced: "seoul.event.participation.announced",
		domain.StatusOpen: "seoul.event.participation.opened", domain.StatusClosed: "seoul.event.participation.closed"} {
		subject, msg := encode(domain.ParticipationEventChanged{EventID: "e1", Status: status, EntryCount: 3})
		require.Equal(t, want, subject)
		require.EqualValues(t, 3, msg.(*eventv1.ParticipationEventChanged).GetEntryCount())
	}
	require.Panics(t, func() { encode(domain.ParticipationEventChanged{Status: domain.StatusDrawn}) })
}
