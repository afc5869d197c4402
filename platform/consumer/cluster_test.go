package consumer_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/platform/consumer"
	"github.com/seoul-gov/homepage/platform/localinfra"
	"github.com/seoul-gov/homepage/platform/messaging"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

// received records each applied event per consumer, deliberately without a
// unique constraint: an event applied twice shows up as a second row.
var clusterMigrations = fstest.MapFS{"00001_received.sql": {Data: []byte(
	"-- +goose Up\nCREATE TABLE received (consumer text NOT NULL, value text NOT NULL);\n")}}

// suiteServices own the suite's streams, each run at R3 as in deploy/k8s.
var suiteServices = []string{"content", "board", "petition", "event", "mileage", "privacy", "mail"}

// clusterEvents is how many events the producer commits in all.
const clusterEvents = 400

// A three-node JetStream cluster running the suite's streams at R3 loses
// and doubles nothing while a node crashes mid-flow and, later, the stream's
// leader: every event the outbox relay had acknowledged reaches each of its
// two consumers exactly once (issue 18, DESIGN "Beyond one machine").
func TestClusterR3StreamsSurviveNodeAndLeaderCrashes(t *testing.T) {
	t.Parallel()
	cluster := testinfra.NATSCluster(t, 3)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	nc, js, err := messaging.Connect(config.NATS{URL: cluster.URL(), StreamReplicas: 3}, "cluster-test", log)
	require.NoError(t, err)
	t.Cleanup(nc.Close)
	for _, s := range suiteServices {
		_, err := messaging.EnsureStream(t.Context(), js, s, 3)
		require.NoError(t, err)
		_, err = messaging.EnsureDeadLetterStream(t.Context(), js, s, 3)
		require.NoError(t, err)
	}
	pool := testinfra.Database(t, "cluster", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, clusterMigrations)
	})
	ctx, cancel := context.WithCancel(context.Background())
	var workers sync.WaitGroup
	t.Cleanup(func() { cancel(); workers.Wait() })
	workers.Go(func() { _ = outbox.NewRelay(pool, js, log).Run(ctx) })
	for _, name := range []string{"awards", "notices"} {
		c := consumer.New(consumer.Config{Service: "mileage", Name: name, Stream: "BOARD",
			Subjects: []string{"seoul.board.>"}, MaxDeliver: 1000}, js, pool, log, receive(name))
		workers.Go(func() { _ = c.Run(ctx) })
	}

	produced := make(chan error, 1)
	go func() { produced <- produce(ctx, pool) }()
	applied := func(n int) func() bool { return func() bool { return countReceived(t, pool, "awards") >= n } }

	servicetest.Eventually(t, "events flowing", applied(80))
	follower := (leaderOf(t, js, cluster, "BOARD") + 1) % 3
	cluster.Kill(follower)
	servicetest.Eventually(t, "events flowing on two nodes", applied(160))
	require.NoError(t, cluster.Start(follower))
	servicetest.Eventually(t, "events flowing with the node back", applied(240))
	leader := leaderOf(t, js, cluster, "BOARD")
	cluster.Kill(leader)
	servicetest.Eventually(t, "events flowing under a new leader", applied(320))
	require.NotEqual(t, leader, leaderOf(t, js, cluster, "BOARD"))
	require.NoError(t, cluster.Start(leader))

	require.NoError(t, <-produced)
	servicetest.Eventually(t, "every event acknowledged by the stream", func() bool {
		return count(t, pool, `SELECT count(*) FROM outbox WHERE sent_at IS NULL`) == 0
	})
	for _, name := range []string{"awards", "notices"} {
		servicetest.Eventually(t, name+" received everything", func() bool {
			return countReceived(t, pool, name) >= clusterEvents
		})
		require.Equal(t, clusterEvents, countReceived(t, pool, name), "no event applied twice")
		require.Equal(t, clusterEvents, count(t, pool, `SELECT count(DISTINCT value) FROM received WHERE consumer = $1`, name))
	}
	require.EqualValues(t, clusterEvents, streamMessages(t, js, "BOARD"), "the stream holds each event once")
}

// produce commits clusterEvents events, one transaction each, keeping the
// relay's backlog small so the flow lasts through the crashes.
func produce(ctx context.Context, pool *pgxpool.Pool) error {
	for i := range clusterEvents {
		for {
			var backlog int
			if err := pool.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE sent_at IS NULL`).Scan(&backlog); err != nil {
				return err
			}
			if backlog < 20 {
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(10 * time.Millisecond):
			}
		}
		err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
			_, err := outbox.Add(ctx, tx, "seoul.board.post.created", wrapperspb.String(fmt.Sprint(i)))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func receive(name string) consumer.Handler {
	return func(ctx context.Context, tx pgx.Tx, ev consumer.Event) error {
		var v wrapperspb.StringValue
		if err := ev.Decode(&v); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO received (consumer, value) VALUES ($1, $2)`, name, v.Value)
		return err
	}
}

// leaderOf returns the index of the node leading stream, waiting through
// an election.
func leaderOf(t *testing.T, js jetstream.JetStream, cluster *localinfra.NATSCluster, stream string) int {
	t.Helper()
	leader := -1
	servicetest.Eventually(t, stream+" has a leader", func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		s, err := js.Stream(ctx, stream)
		if err != nil {
			return false
		}
		info, err := s.Info(ctx)
		if err != nil || info.Cluster == nil {
			return false
		}
		leader = cluster.NodeIndex(info.Cluster.Leader)
		return leader >= 0
	})
	return leader
}

func streamMessages(t *testing.T, js jetstream.JetStream, stream string) uint64 {
	t.Helper()
	s, err := js.Stream(t.Context(), stream)
	require.NoError(t, err)
	info, err := s.Info(t.Context())
	require.NoError(t, err)
	return info.State.Msgs
}

func countReceived(t *testing.T, pool *pgxpool.Pool, name string) int {
	return count(t, pool, `SELECT count(*) FROM received WHERE consumer = $1`, name)
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}
