package lifecycle_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/lifecycle"
)

func TestShutdownRunsEveryStepInOrder(t *testing.T) {
	t.Parallel()
	var order []string
	s := lifecycle.NewShutdown(slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Add("health", func(context.Context) error { order = append(order, "health"); return nil })
	s.Add("grpc", func(context.Context) error { order = append(order, "grpc"); return errors.New("stuck") })
	s.Add("pool", func(context.Context) error { order = append(order, "pool"); return nil })
	err := s.Run(time.Second)
	require.ErrorContains(t, err, "stuck")
	require.Equal(t, []string{"health", "grpc", "pool"}, order)
}
