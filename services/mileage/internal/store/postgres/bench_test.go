package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mileage/internal/events"
	"github.com/seoul-gov/homepage/services/mileage/internal/store/postgres"
)

// rawNs is the ns/op of the raw SQL posting of this run, for the ratio.
var rawNs float64

// benchPool is a fresh clone of the migrated database on the test server,
// with plain tables for the raw SQL baseline: both benchmarks run on the
// same server, schema and starting state.
func benchPool(b testing.TB) *pgxpool.Pool {
	pool := database(b)
	_, err := pool.Exec(context.Background(), `
		CREATE TABLE raw_transactions (id uuid PRIMARY KEY, posted_at timestamptz NOT NULL DEFAULT now());
		CREATE TABLE raw_entries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			transaction_id uuid NOT NULL REFERENCES raw_transactions (id), account text NOT NULL, amount bigint NOT NULL)`)
	if err != nil {
		b.Fatal(err)
	}
	return pool
}

// BenchmarkRawSQLPosting is the floor: one transaction inserting a
// transaction row and two balanced entries, nothing else.
func BenchmarkRawSQLPosting(b *testing.B) {
	pool := benchPool(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := rawPosting(ctx, pool, i); err != nil {
			b.Fatal(err)
		}
	}
	rawNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(1e9/rawNs, "postings/s")
}

// rawPosting is the raw SQL posting transaction: a transaction row and two
// balanced entries, nothing else.
func rawPosting(ctx context.Context, pool *pgxpool.Pool, i int) error {
	id := uuid.Must(uuid.NewV7())
	return pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		batch.Queue(`INSERT INTO raw_transactions (id) VALUES ($1)`, id)
		batch.Queue(`INSERT INTO raw_entries (transaction_id, account, amount) VALUES ($1, 'issuance:2026', -100), ($1, $2, 100)`,
			id, fmt.Sprintf("citizen:raw-%d", i%1000))
		return tx.SendBatch(ctx, batch).Close()
	})
}

// BenchmarkPosting is the service's posting path: Post locks (or creates)
// the citizen's account, validates, and writes two entries under the
// database's checks (immutability, balanced transactions, running balance,
// foreign keys), in the round trip of the raw posting. It reports the
// ratio to the raw SQL posting when that ran first in the same run, and
// checks the ledger's invariants afterwards.
func BenchmarkPosting(b *testing.B) {
	pool := benchPool(b)
	store := postgres.New(pg.Pool(pool), events.Writer)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		subject := fmt.Sprintf("bench-%d", i%1000)
		err := store.Post(ctx, posting(uuid.Must(uuid.NewV7()).String(), subject, 100))
		if err != nil {
			b.Fatal(err)
		}
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(1e9/ns, "postings/s")
	if rawNs > 0 {
		b.ReportMetric(rawNs/ns, "x-raw-sql")
	}
	if err := postgres.CheckLedgerInvariants(ctx, pool); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPostingInterleaved alternates one raw SQL posting and one
// service posting per iteration on the same server, so both see the same
// load: on a shared machine whose load swings between runs, the ratio of
// BenchmarkPosting to the raw run before it is noise, this one is not. It
// reports each path's µs per posting and their ratio (raw/service, the
// issue's ≥ 0.8), and checks the ledger's invariants afterwards.
func BenchmarkPostingInterleaved(b *testing.B) {
	pool := benchPool(b)
	store := postgres.New(pg.Pool(pool), events.Writer)
	ctx := context.Background()
	var raw, service time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := rawPosting(ctx, pool, i); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := store.Post(ctx, posting(uuid.Must(uuid.NewV7()).String(), fmt.Sprintf("bench-%d", i%1000), 100)); err != nil {
			b.Fatal(err)
		}
		raw, service = raw+mid.Sub(start), service+time.Since(mid)
	}
	b.ReportMetric(float64(raw.Microseconds())/float64(b.N), "raw-µs/posting")
	b.ReportMetric(float64(service.Microseconds())/float64(b.N), "service-µs/posting")
	b.ReportMetric(float64(raw)/float64(service), "x-raw-sql")
	if err := postgres.CheckLedgerInvariants(ctx, pool); err != nil {
		b.Fatal(err)
	}
}
