package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/service"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// The ops command against a running service: list shows the dead letter,
// show its payload, replay applies it once the handler is fixed, and a
// second replay-all finds nothing left to do.
func TestCommandListsShowsAndReplays(t *testing.T) {
	var fixed atomic.Bool
	handle := func(ctx context.Context, tx pgx.Tx, v *wrapperspb.StringValue) error {
		if !fixed.Load() {
			return errs.Invalid("value", "not yet")
		}
		_, err := tx.Exec(ctx, `INSERT INTO effects (value) VALUES ($1)`, v.GetValue())
		return err
	}
	env := servicetest.Start(t, service.Spec{Name: "cmdtest",
		Migrations: fstest.MapFS{"00001_effects.sql": {Data: []byte("-- +goose Up\nCREATE TABLE effects (value text NOT NULL);\n")}},
		Register: func(_ context.Context, d *service.Deps) error {
			d.Consume(consumer.Typed(consumer.Config{Service: "cmdtest", Name: "effects", Stream: "PRODUCER",
				Subjects: []string{"seoul.producer.>"}}, d.JS, d.Pool, d.Log, handle))
			return nil
		}})
	servicetest.PublishEvent(t, env.JS, "producer", "seoul.producer.thing.done", "ev-cmd", wrapperspb.String("재처리"))
	token := env.Token(t, servicetest.Admin("ops-cmd"))
	cmd := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"-addr", env.Addr, "-token", token}, args...), &out)
		return out.String(), err
	}

	servicetest.Eventually(t, "dead-lettered", func() bool {
		out, err := cmd("list")
		return err == nil && strings.Contains(out, "ev-cmd")
	})
	out, err := cmd("list", "-consumer", "effects")
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(out, "1\t"), out)
	require.Contains(t, out, "seoul.producer.thing.done")
	out, err = cmd("show", "1")
	require.NoError(t, err)
	require.Regexp(t, `"payload_json":\s+"\\"재처리\\""`, out) // protojson varies its spacing

	fixed.Store(true)
	out, err = cmd("replay", "1")
	require.NoError(t, err)
	require.Equal(t, "1\tev-cmd\tapplied\n", out)
	out, err = cmd("replay-all")
	require.NoError(t, err)
	require.Equal(t, "applied 0, already applied 0, failed again 0\n", out)
	var n int
	require.NoError(t, env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM effects`).Scan(&n))
	require.Equal(t, 1, n)

	err = run(context.Background(), []string{"-addr", env.Addr, "-token", env.Token(t, servicetest.Citizen("c-1")), "list"}, &bytes.Buffer{})
	require.ErrorContains(t, err, "PermissionDenied")
	_, err = cmd("frobnicate")
	require.ErrorContains(t, err, "usage:")
}
