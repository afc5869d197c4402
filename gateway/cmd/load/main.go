// Command load drives a realistic mix of requests through the REST edge for
// a bounded time and prints, per route, throughput, p50/p99 latency and
// errors (issue 17, `make load`). The mix is mostly anonymous public reads
// (items, search, departments, boards, the point table, public complaints)
// with signed-in citizens posting on boards, filing complaints, reading
// their points and redeeming them. Citizens get tokens from the edge's
// development issuer (POST /dev/token, on under `make run`), and an
// official grants them points to redeem, so it runs against `make run` or
// any suite with the development issuer on.
//
//	make load                                   # http://127.0.0.1:8080 (+SEOUL_PORT_OFFSET), 30 s at 100 req/s
//	go run ./gateway/cmd/load -url http://edge:8080 -rate 300 -duration 1m
//
// A single address is limited by the edge (RATE_LIMIT_ADDRESS_RPS, 200 by
// default): above that the report shows 429s, which is the limiter working.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/lifecycle"
)

// Config is what the load run reads from the environment; flags override.
type Config struct {
	URL        string        `env:"LOAD_URL"`
	PortOffset int           `env:"SEOUL_PORT_OFFSET" envDefault:"0"`
	Rate       int           `env:"LOAD_RATE" envDefault:"100"`
	Duration   time.Duration `env:"LOAD_DURATION" envDefault:"30s"`
	Citizens   int           `env:"LOAD_CITIZENS" envDefault:"20"`
}

// Validate implements config.Validator.
func (c *Config) Validate() []string {
	var p []string
	if c.Rate < 1 {
		p = append(p, "LOAD_RATE (-rate): must be at least 1 request per second")
	}
	if c.Duration <= 0 {
		p = append(p, "LOAD_DURATION (-duration): must be positive")
	}
	if c.Citizens < 1 {
		p = append(p, "LOAD_CITIZENS (-citizens): must be at least 1")
	}
	return p
}

func main() {
	os.Exit(run())
}

func run() int {
	ctx, stop := lifecycle.SignalContext()
	defer stop()
	cfg, err := load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 2
	}
	if err := drive(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	return 0
}

// load reads the environment, then the flags, then validates.
func load() (Config, error) {
	var cfg Config
	if err := config.Load(&cfg); err != nil {
		return cfg, err
	}
	if cfg.URL == "" {
		cfg.URL = "http://127.0.0.1:" + strconv.Itoa(8080+cfg.PortOffset)
	}
	flag.StringVar(&cfg.URL, "url", cfg.URL, "the edge's base URL (LOAD_URL)")
	flag.IntVar(&cfg.Rate, "rate", cfg.Rate, "requests per second (LOAD_RATE)")
	flag.DurationVar(&cfg.Duration, "duration", cfg.Duration, "how long to drive load (LOAD_DURATION)")
	flag.IntVar(&cfg.Citizens, "citizens", cfg.Citizens, "signed-in citizens in the mix (LOAD_CITIZENS)")
	flag.Parse()
	if p := cfg.Validate(); len(p) > 0 {
		return cfg, fmt.Errorf("%v", p)
	}
	return cfg, nil
}

// drive prepares the data the mix needs, attacks and reports.
func drive(ctx context.Context, cfg Config) error {
	fmt.Printf("load: preparing %d citizens against %s\n", cfg.Citizens, cfg.URL)
	w, err := prepare(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Printf("load: %d req/s for %s (%d items, %d boards)\n", cfg.Rate, cfg.Duration, len(w.items), len(w.boards))
	rep := attack(ctx, cfg, newMix(w))
	rep.print(os.Stdout)
	return nil
}
