// Command verify-draw recomputes a participation event's draw from its
// published inputs, independently of the event service: it fetches
// GET {url}/v1/participation-events/{id}/draw from the REST edge (or reads
// the same JSON from a file), then checks every step of the documented
// procedure the inputs name (package drawproof, seoul-event-draw/v1 or v2):
// the announcement hash, the public randomness sources it fixed and the
// officials' entries of their values, the seed against its commitment, the
// entry ids against the entries, the entry list against its digest and the
// winners. A failure names the first step that fails.
//
//	verify-draw -url http://127.0.0.1:8080 -event 0190...
//	verify-draw -file draw.json
//
// Exit status 0: verified; 1: a check failed; 2: inputs unavailable.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/services/event/drawproof"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify-draw", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "REST edge base URL, e.g. http://127.0.0.1:8080")
	event := fs.String("event", "", "participation event id (with -url)")
	file := fs.String("file", "", "draw inputs JSON file (instead of -url)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	data, err := load(*base, *event, *file)
	if err != nil {
		fmt.Fprintln(stderr, "verify-draw:", err)
		return 2
	}
	in, err := drawproof.DecodeInputs(data)
	if err != nil {
		fmt.Fprintln(stderr, "verify-draw:", err)
		return 2
	}
	report := drawproof.Verify(in)
	printReport(stdout, in, report)
	if !report.OK() {
		return 1
	}
	return 0
}

func load(base, event, file string) ([]byte, error) {
	switch {
	case file != "" && base == "":
		return os.ReadFile(file)
	case base != "" && event != "" && file == "":
		return fetch(strings.TrimRight(base, "/") + "/v1/participation-events/" + url.PathEscape(event) + "/draw")
	}
	return nil, fmt.Errorf("give either -file, or -url and -event")
}

func fetch(u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", u, resp.Status, body)
	}
	return body, nil
}

func printReport(w io.Writer, in drawproof.Inputs, r drawproof.Report) {
	fmt.Fprintf(w, "participation event %s, %s, %d entries\n", in.EventID, in.Algorithm, len(in.EntryIDs))
	for _, c := range r.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "%s %s: %s\n", mark, c.Name, c.Detail)
	}
	for _, win := range r.Recomputed {
		fmt.Fprintf(w, "rank %d: entry %s wins %s\n", win.Rank, win.EntryID, win.PrizeID)
	}
	if r.OK() {
		fmt.Fprintln(w, "VERIFIED: the published winners follow from the published inputs")
		return
	}
	for _, c := range r.Checks {
		if !c.OK {
			fmt.Fprintf(w, "NOT VERIFIED: step %q fails\n", c.Name)
			return
		}
	}
	fmt.Fprintln(w, "NOT VERIFIED")
}
