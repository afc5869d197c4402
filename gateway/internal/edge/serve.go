package edge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"

	"github.com/seoul-gov/homepage/platform/metrics"
)

// Serve runs the edge with cfg until ctx ends: the API on HTTP_ADDR and
// Prometheus metrics on METRICS_ADDR. If either listener fails, both stop.
func Serve(ctx context.Context, cfg Config, log *slog.Logger) error {
	s, err := New(cfg, log)
	if err != nil {
		return err
	}
	httpLn, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return errors.Join(fmt.Errorf("listen HTTP_ADDR: %w", err), s.Close())
	}
	metricsLn, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		httpLn.Close()
		return errors.Join(fmt.Errorf("listen METRICS_ADDR: %w", err), s.Close())
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	metricsDone := make(chan error, 1)
	go func() {
		err := metrics.Serve(ctx, metricsLn, metrics.Admin{Pprof: cfg.PprofEnabled})
		if err != nil {
			log.Error("metrics server failed", "err", err)
			cancel()
		}
		metricsDone <- err
	}()
	log.Info("serving", "http", httpLn.Addr().String(), "metrics", metricsLn.Addr().String())
	err = s.Run(ctx, httpLn)
	cancel()
	return errors.Join(err, <-metricsDone)
}
