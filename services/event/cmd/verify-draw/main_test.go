package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/services/event/drawproof"
	"github.com/seoul-gov/homepage/services/event/drawproof/drawprooftest"
)

// inputs is an honest draw, as the edge publishes it.
func inputs(t *testing.T) drawproof.Inputs {
	t.Helper()
	seed := bytes.Repeat([]byte{7}, drawproof.SeedSize)
	ids := []string{"0190a000-0000-7000-8000-000000000001", "0190a000-0000-7000-8000-000000000002",
		"0190a000-0000-7000-8000-000000000003"}
	digest, err := drawproof.EntryListDigest(ids)
	require.NoError(t, err)
	doc := `{"prizes":[{"id":"p1","count":2}],"seed_commitment":"` + drawproof.Commitment(seed) + `"}`
	ends := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	in := drawproof.Inputs{EventID: "e1", Algorithm: drawproof.Algorithm, AnnouncementDocument: doc,
		AnnouncementHash: drawproof.Hash([]byte(doc)), SeedCommitment: drawproof.Commitment(seed),
		CommitTime: ends.Add(-240 * time.Hour), EntryEndTime: ends, CloseTime: ends, EntryIDs: ids,
		EntryListDigest: digest, Prizes: []drawproof.SlotJSON{{PrizeID: "p1", Count: 2}},
		Seed: hex.EncodeToString(seed), DrawTime: ends.Add(time.Hour)}
	ws, err := drawproof.Draw(seed, ids, []drawproof.Slot{{PrizeID: "p1", Count: 2}})
	require.NoError(t, err)
	for _, w := range ws {
		in.Winners = append(in.Winners, drawproof.WinnerJSON(w))
	}
	return in
}

func TestVerifiesFromEdgeURL(t *testing.T) {
	t.Parallel()
	body, err := json.Marshal(inputs(t))
	require.NoError(t, err)
	var path string
	edge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.Path
		w.Write(body)
	}))
	defer edge.Close()
	var out, errOut bytes.Buffer
	code := run([]string{"-url", edge.URL + "/", "-event", "e1"}, &out, &errOut)
	require.Equal(t, 0, code, out.String()+errOut.String())
	require.Equal(t, "/v1/participation-events/e1/draw", path)
	require.Contains(t, out.String(), "VERIFIED")
}

func TestVerifiesFromFileAndRejectsTampering(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := inputs(t)
	write := func(name string, v drawproof.Inputs) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o600))
		return p
	}
	var out bytes.Buffer
	require.Equal(t, 0, run([]string{"-file", write("ok.json", in)}, &out, &out), out.String())
	in.Winners[0], in.Winners[1] = in.Winners[1], in.Winners[0]
	out.Reset()
	require.Equal(t, 1, run([]string{"-file", write("bad.json", in)}, &out, &out))
	require.Contains(t, out.String(), "FAIL winners recomputed")
	require.Equal(t, 2, run([]string{"-file", filepath.Join(dir, "missing.json")}, &out, &out))
	require.Equal(t, 2, run(nil, &out, &out))
}

// TestA7_2_NamesEveryFailingStep: for each step of a v2 draw, a tampered
// draw makes verify-draw exit 1 naming that step.
func TestA7_2_NamesEveryFailingStep(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for step, tamper := range drawprooftest.Tamperings() {
		in := drawprooftest.HonestV2()
		tamper(&in)
		b, err := json.Marshal(in)
		require.NoError(t, err)
		p := filepath.Join(dir, strings.ReplaceAll(step, " ", "-")+".json")
		require.NoError(t, os.WriteFile(p, b, 0o600))
		var out bytes.Buffer
		require.Equal(t, 1, run([]string{"-file", p}, &out, &out), step)
		require.Contains(t, out.String(), fmt.Sprintf("NOT VERIFIED: step %q fails", step))
		require.Contains(t, out.String(), "FAIL "+step+":")
	}
	b, err := json.Marshal(drawprooftest.HonestV2())
	require.NoError(t, err)
	p := filepath.Join(dir, "honest.json")
	require.NoError(t, os.WriteFile(p, b, 0o600))
	var out bytes.Buffer
	require.Equal(t, 0, run([]string{"-file", p}, &out, &out), out.String())
	require.Contains(t, out.String(), "ok   entry ids derived from entries")
}
