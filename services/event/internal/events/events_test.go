package events_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	eventv1 "github.com/seoul-gov/homepage/gen/seoul/event/v1"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
	"github.com/seoul-gov/homepage/services/event/internal/events"
)

// A7.2 with A8.1: only a mileage prize carries points for the mileage
// service to credit; other prizes are announced without points.
func TestPrizeAwardedCarriesPointsOnlyForMileagePrizes(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for kind, want := range map[domain.PrizeKind]int64{domain.PrizeMileage: 1000, domain.PrizeGoods: 0} {
		subject, msg, err := events.Encode(app.Message{Kind: app.KindPrizeAwarded, At: at,
			Winner: domain.Winner{ID: "w1", EventID: "e1", SubjectID: "s1", PrizeKind: kind, UnitValue: 1000}})
		require.NoError(t, err)
		require.Equal(t, "seoul.event.prize.awarded", subject)
		require.Equal(t, want, msg.(*eventv1.PrizeAwarded).GetPoints(), kind)
	}
	_, _, err := events.Encode(app.Message{Kind: "nonsense"})
	require.Error(t, err)
}
