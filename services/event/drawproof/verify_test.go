package drawproof_test

import (
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/event/drawproof"
)

// published builds a consistent set of inputs as the service publishes them.
func published(t *testing.T) drawproof.Inputs {
	t.Helper()
	s := seed()
	doc := `{"format":"seoul-event-announcement/v1","prizes":[{"id":"p1","count":1},{"id":"p2","count":2}],"seed_commitment":"` +
		drawproof.Commitment(s) + `"}`
	ids := entryIDs(5)
	digest, err := drawproof.EntryListDigest(ids)
	require.NoError(t, err)
	ends := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	in := drawproof.Inputs{EventID: "e1", Algorithm: drawproof.Algorithm, AnnouncementDocument: doc,
		AnnouncementHash: drawproof.Hash([]byte(doc)), SeedCommitment: drawproof.Commitment(s),
		CommitTime: ends.Add(-72 * time.Hour), EntryEndTime: ends, CloseTime: ends.Add(time.Minute),
		EntryIDs: ids, EntryListDigest: digest, Seed: hex.EncodeToString(s), DrawTime: ends.Add(time.Hour),
		Prizes: []drawproof.SlotJSON{{PrizeID: "p1", Count: 1}, {PrizeID: "p2", Count: 2}}}
	for _, w := range knownWinners {
		in.Winners = append(in.Winners, drawproof.WinnerJSON(w))
	}
	return in
}

func TestVerifyAcceptsHonestDraw(t *testing.T) {
	t.Parallel()
	r := drawproof.Verify(published(t))
	require.True(t, r.OK(), "%+v", r.Checks)
	require.Equal(t, knownWinners, r.Recomputed)
}

// failed names the checks of r that failed.
func failed(r drawproof.Report) []string {
	var out []string
	for _, c := range r.Checks {
		if !c.OK {
			out = append(out, c.Name)
		}
	}
	return out
}

// TestVerifyDetectsTampering: every published input is bound (A7.2, A7.3),
// and the report names the check that catches each tampering.
func TestVerifyDetectsTampering(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		tamper func(in *drawproof.Inputs)
		failed []string
	}{
		"winner swapped": {func(in *drawproof.Inputs) { in.Winners[0].EntryID = in.EntryIDs[0] },
			[]string{"winners recomputed"}},
		"other seed": {func(in *drawproof.Inputs) { in.Seed = hex.EncodeToString(make([]byte, 32)) },
			[]string{"seed matches commitment", "winners recomputed"}},
		"entry added": {func(in *drawproof.Inputs) { in.EntryIDs = append(in.EntryIDs, "ffffffff-0000-4000-8000-000000000000") },
			[]string{"entry list matches digest"}}, // it ranks below the winners
		"entries out of order": {func(in *drawproof.Inputs) { in.EntryIDs[0], in.EntryIDs[1] = in.EntryIDs[1], in.EntryIDs[0] },
			[]string{"entry list canonical"}},
		"plan changed": {func(in *drawproof.Inputs) { in.Prizes[1].Count = 3 },
			[]string{"prize slots as announced", "winners recomputed"}},
		"document changed": {func(in *drawproof.Inputs) { in.AnnouncementDocument += " " },
			[]string{"announcement matches hash"}},
		"committed after closing": {func(in *drawproof.Inputs) { in.CommitTime = in.CloseTime.Add(time.Second) },
			[]string{"committed before entries closed"}},
		"commitment replaced": {func(in *drawproof.Inputs) {
			other := make([]byte, 32)
			in.Seed, in.SeedCommitment = hex.EncodeToString(other), drawproof.Commitment(other)
		}, []string{"commitment as announced", "winners recomputed"}},
		"unknown algorithm": {func(in *drawproof.Inputs) { in.Algorithm = "v0" },
			[]string{"algorithm"}},
		"seed not revealed": {func(in *drawproof.Inputs) { in.Seed = "" },
			[]string{"seed revealed", "seed matches commitment"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := published(t)
			c.tamper(&in)
			r := drawproof.Verify(in)
			require.False(t, r.OK())
			require.Equal(t, c.failed, failed(r), "%+v", r.Checks)
		})
	}
}

func TestDecodeInputsAcceptsEdgeAndProtoNames(t *testing.T) {
	t.Parallel()
	want := published(t)
	camel, err := json.Marshal(want)
	require.NoError(t, err)
	got, err := drawproof.DecodeInputs(camel)
	require.NoError(t, err)
	require.Equal(t, want, got)

	snake := []byte(`{"event_id":"e1","entry_ids":["a"],"entry_list_digest":"d","prizes":[{"prize_id":"p","count":2}],
		"winners":[{"rank":1,"entry_id":"a","prize_id":"p"}],"commit_time":"2026-05-01T00:00:00Z"}`)
	got, err = drawproof.DecodeInputs(snake)
	require.NoError(t, err)
	require.Equal(t, "e1", got.EventID)
	require.Equal(t, []string{"a"}, got.EntryIDs)
	require.Equal(t, "p", got.Prizes[0].PrizeID)
	require.Equal(t, "a", got.Winners[0].EntryID)
	require.False(t, got.CommitTime.IsZero())
}
