package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// report holds the metrics of every route and of the whole run.
type report struct {
	all     vegeta.Metrics
	byRoute map[string]*vegeta.Metrics
	// failed is the first failure's answer per route, to say why.
	failed map[string]string
}

// attack drives the mix at cfg.Rate for cfg.Duration (or until ctx ends)
// and collects the results per route.
func attack(ctx context.Context, cfg Config, m *mix) *report {
	a := vegeta.NewAttacker(vegeta.Timeout(30*time.Second), vegeta.MaxBody(512))
	rate := vegeta.Rate{Freq: cfg.Rate, Per: time.Second}
	rep := &report{byRoute: map[string]*vegeta.Metrics{}, failed: map[string]string{}}
	results := a.Attack(m.targeter(), rate, cfg.Duration, "load")
	for {
		select {
		case <-ctx.Done():
			a.Stop()
			ctx = context.Background() // drain what is in flight
		case res, ok := <-results:
			if !ok {
				rep.close()
				return rep
			}
			rep.add(m.label(res), res)
		}
	}
}

func (r *report) add(route string, res *vegeta.Result) {
	r.all.Add(res)
	mt := r.byRoute[route]
	if mt == nil {
		mt = &vegeta.Metrics{}
		r.byRoute[route] = mt
	}
	mt.Add(res)
	if _, seen := r.failed[route]; !seen && res.Error != "" {
		r.failed[route] = strings.TrimSpace(res.Error + " " + string(res.Body))
	}
}

func (r *report) close() {
	r.all.Close()
	for _, m := range r.byRoute {
		m.Close()
	}
}

// print writes one line per route and the total: requests, successful
// requests per second, p50/p99, and the failures by status.
func (r *report) print(out io.Writer) {
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "route\trequests\tok/s\tp50 ms\tp99 ms\terrors\t")
	for _, n := range slices.Sorted(maps.Keys(r.byRoute)) {
		line(tw, n, r.byRoute[n])
	}
	line(tw, "all", &r.all)
	_ = tw.Flush()
	for _, n := range slices.Sorted(maps.Keys(r.failed)) {
		fmt.Fprintf(out, "first failure of %s: %s\n", n, r.failed[n])
	}
}

func line(w io.Writer, name string, m *vegeta.Metrics) {
	fmt.Fprintf(w, "%s\t%d\t%.1f\t%.1f\t%.1f\t%s\t\n", name, m.Requests, m.Throughput,
		ms(m.Latencies.P50), ms(m.Latencies.P99), failures(m))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// failures lists the statuses that are not successes ("0" is a transport
// error), e.g. "429×12 0×1", or "-" when there were none.
func failures(m *vegeta.Metrics) string {
	var parts []string
	for _, code := range slices.Sorted(maps.Keys(m.StatusCodes)) {
		if c, _ := strconv.Atoi(code); c >= 200 && c < 400 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s×%d", code, m.StatusCodes[code]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}
