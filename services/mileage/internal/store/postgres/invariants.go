package postgres

import (
	"context"
	"errors"
	"fmt"
)

// invariantQueries each return rows describing a violation; an empty
// result means the invariant holds. ledgerOnly marks those about the
// postings alone (no lots, holds or budget years).
var invariantQueries = []struct {
	name, sql  string
	ledgerOnly bool
}{
	{ledgerOnly: true, name: "every transaction has at least two entries summing to zero", sql: `
		SELECT t.id::text, coalesce(sum(e.amount), 0)::text FROM ledger_transactions t
		LEFT JOIN ledger_entries e ON e.transaction_id = t.id
		GROUP BY t.id HAVING coalesce(sum(e.amount), 0) <> 0 OR count(e.id) < 2`},
	{ledgerOnly: true, name: "a citizen's running balance equals the sum of its entries", sql: `
		SELECT a.code, a.balance::text FROM accounts a
		WHERE a.kind = 'citizen' AND a.balance <> coalesce((SELECT sum(amount) FROM ledger_entries WHERE account = a.code), 0)`},
	{name: "a citizen's balance equals the sum of its lots' remainders", sql: `
		SELECT a.code, a.balance::text FROM accounts a
		WHERE a.kind = 'citizen' AND a.balance <> coalesce((SELECT sum(remaining) FROM lots WHERE subject_id = a.subject_id), 0)`},
	{ledgerOnly: true, name: "no balance is negative", sql: `
		SELECT code, balance::text FROM accounts WHERE balance < 0 OR debt < 0`},
	{name: "held points equal the allocations of open holds, per budget year", sql: `
		SELECT a.code, coalesce(sum(e.amount), 0)::text FROM accounts a LEFT JOIN ledger_entries e ON e.account = a.code
		WHERE a.kind = 'holds' GROUP BY a.code, a.budget_year
		HAVING coalesce(sum(e.amount), 0) <> coalesce((SELECT sum(h.points) FROM hold_allocations h
			JOIN redemptions r ON r.id = h.redemption_id WHERE r.status = 'held' AND h.budget_year = a.budget_year), 0)`},
	{name: "every budget year's issuance is outstanding, held, redeemed, expired or clawed back", sql: `
		SELECT y::text, (sum(s))::text FROM (
			SELECT a.budget_year AS y, sum(e.amount) AS s FROM accounts a JOIN ledger_entries e ON e.account = a.code
			WHERE a.kind <> 'citizen' GROUP BY a.budget_year
			UNION ALL SELECT budget_year, sum(remaining) FROM lots GROUP BY budget_year) x
		GROUP BY y HAVING sum(s) <> 0`},
}

// CheckInvariants verifies the ledger's invariants on db and reports every
// violation. Tests call it after every scenario.
func CheckInvariants(ctx context.Context, db querier) error { return check(ctx, db, false) }

// CheckLedgerInvariants verifies only the invariants of the postings
// themselves, for benchmarks that post without lots.
func CheckLedgerInvariants(ctx context.Context, db querier) error { return check(ctx, db, true) }

func check(ctx context.Context, db querier, ledgerOnly bool) error {
	var all error
	for _, q := range invariantQueries {
		if ledgerOnly && !q.ledgerOnly {
			continue
		}
		rows, err := db.Query(ctx, q.sql)
		if err != nil {
			return fmt.Errorf("%s: %w", q.name, err)
		}
		for rows.Next() {
			var key, value string
			if err := rows.Scan(&key, &value); err != nil {
				rows.Close()
				return err
			}
			all = errors.Join(all, fmt.Errorf("invariant violated (%s): %s = %s", q.name, key, value))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return all
}
