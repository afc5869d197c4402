package servicetest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Querier is a pool, a connection or a transaction.
type Querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Count returns the one number sql selects (a count, a sum) from db: how
// tests read back what a call stored, or proved it stored nothing.
func Count(t testing.TB, db Querier, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("servicetest: %s: %v", sql, err)
	}
	return n
}
