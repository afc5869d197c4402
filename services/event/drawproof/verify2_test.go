package drawproof_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/drawproof/drawprooftest"
)

// TestA7_2_VerifyV2AcceptsHonestDraw: a draw that depends on public values
// entered after the close verifies, and the values change the outcome.
func TestA7_2_VerifyV2AcceptsHonestDraw(t *testing.T) {
	t.Parallel()
	in := drawprooftest.HonestV2()
	r := drawproof.Verify(in)
	require.True(t, r.OK(), "%+v", r.Checks)
	require.Len(t, r.Recomputed, 3)

	other := drawproof.Key(drawprooftest.Seed(), []drawproof.SourceValue{{ID: "lotto", Value: "2.7.12.25.31.40./3./"},
		{ID: "beacon", Value: in.DrawSources[1].Value}})
	otherLotto, err := drawproof.Draw(other, in.EntryIDs, drawprooftest.Slots)
	require.NoError(t, err)
	require.NotEqual(t, r.Recomputed, otherLotto, "another lottery result gives other winners: the public value decides")
}

// TestA7_2_VerifyV2NamesTheFailingStep: each way a v2 draw can be steered or
// misreported fails verification, and the first failing check names the
// step.
func TestA7_2_VerifyV2NamesTheFailingStep(t *testing.T) {
	t.Parallel()
	for step, tamper := range drawprooftest.Tamperings() {
		t.Run(step, func(t *testing.T) {
			t.Parallel()
			in := drawprooftest.HonestV2()
			tamper(&in)
			r := drawproof.Verify(in)
			require.False(t, r.OK())
			f := failed(r)
			require.NotEmpty(t, f)
			require.Equal(t, step, f[0], "%+v", r.Checks)
		})
	}
}

// TestA7_2_VerifyV2UnconfirmedOrDisputedValues: one official's value alone,
// or two values each backed by two officials, decide nothing.
func TestA7_2_VerifyV2UnconfirmedOrDisputedValues(t *testing.T) {
	t.Parallel()
	in := drawprooftest.HonestV2()
	in.DrawSources[0].Entries = in.DrawSources[0].Entries[:1]
	require.Equal(t, "source values confirmed by two officials", failed(drawproof.Verify(in))[0])

	in = drawprooftest.HonestV2()
	in.DrawSources[0].Entries = append(in.DrawSources[0].Entries,
		drawproof.ValueEntry{Official: "o3", Value: "2.7.12.25.31.40./3./", EnteredAt: in.DrawTime},
		drawproof.ValueEntry{Official: "o4", Value: "2.7.12.25.31.40./3./", EnteredAt: in.DrawTime})
	require.Equal(t, "source values confirmed by two officials", failed(drawproof.Verify(in))[0])
}

func TestCanonicalValue(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"40 31 25 12 7 1 / 3": drawprooftest.LotteryValue, "1.7.12.25.31.40./3./": drawprooftest.LotteryValue,
		"1,7,12,25,31,40/3/": drawprooftest.LotteryValue} {
		got, err := drawproof.CanonicalValue(drawproof.SourceLottery, in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "1 2 x", "1 2 // 3", "-1"} {
		_, err := drawproof.CanonicalValue(drawproof.SourceLottery, bad)
		require.Error(t, err, bad)
	}
	got, err := drawproof.CanonicalValue(drawproof.SourceBeacon, " ABCDEF0123456789ABCDEF0123456789 ")
	require.NoError(t, err)
	require.Equal(t, "abcdef0123456789abcdef0123456789", got)
	_, err = drawproof.CanonicalValue(drawproof.SourceBeacon, "abcd")
	require.Error(t, err)
}

func TestEntryIDIsAVersion8UUIDOfTheEntry(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 5, 1, 9, 0, 0, 123456000, time.UTC)
	id := drawproof.EntryID("e1", "p1", at)
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, id)
	require.Equal(t, id, drawproof.EntryID("e1", "p1", at.In(time.FixedZone("KST", 9*3600))))
	require.NotEqual(t, id, drawproof.EntryID("e1", "p2", at))
	require.NotEqual(t, id, drawproof.EntryID("e1", "p1", at.Add(time.Microsecond)))
}
