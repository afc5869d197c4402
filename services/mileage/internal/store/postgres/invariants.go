package postgres

import (
	"context"
	"errors"
	"fmt"
)

// invariantQueries each return rows describing a violation; an empty
// result means the invariant holds.
var invariantQueries = []struct{ name, sql string }{
	{"every transaction has at least two entries summing to zero", `
		SELECT t.id::text, coalesce(sum(e.amount), 0)::text FROM ledger_transactions t
		LEFT JOIN ledger_entries e ON e.transaction_id = t.id
		GROUP BY t.id HAVING coalesce(sum(e.amount), 0) <> 0 OR count(e.id) < 2`},
	{"a citizen's running balance equals the sum of its entries", `
		SELECT a.code, a.balance::text FROM accounts a
		WHERE a.kind = 'citizen' AND a.balance <> coalesce((SELECT sum(amount) FROM ledger_entries WHERE account = a.code), 0)`},
	{"a citizen's balance equals the sum of its lots' remainders", `
		SELECT a.code, a.balance::text FROM accounts a
		WHERE a.kind = 'citizen' AND a.balance <> coalesce((SELECT sum(remaining) FROM lots WHERE subject_id = a.subject_id), 0)`},
	{"no balance is negative", `
		SELECT code, balance::text FROM accounts WHERE balance < 0 OR debt < 0`},
	{"held points equal the allocations of open holds, per budget year", `
		SELECT a.code, coalesce(sum(e.amount), 0)::text FROM accounts a LEFT JOIN ledger_entries e ON e.account = a.code
		WHERE a.kind = 'holds' GROUP BY a.code, a.budget_year
		HAVING coalesce(sum(e.amount), 0) <> coalesce((SELECT sum(h.points) FROM hold_allocations h
			JOIN redemptions r ON r.id = h.redemption_id WHERE r.status = 'held' AND h.budget_year = a.budget_year), 0)`},
	{"every budget year's issuance is outstanding, held, redeemed, expired or clawed back", `
		SELECT y::text, (sum(s))::text FROM (
			SELECT a.budget_year AS y, sum(e.amount) AS s FROM accounts a JOIN ledger_entries e ON e.account = a.code
			WHERE a.kind <> 'citizen' GROUP BY a.budget_year
			UNION ALL SELECT budget_year, sum(remaining) FROM lots GROUP BY budget_year) x
		GROUP BY y HAVING sum(s) <> 0`},
}

// CheckInvariants verifies the ledger's invariants on db and reports every
// violation. Tests call it after every scenario.
func CheckInvariants(ctx context.Context, db querier) error {
	var all error
	for _, q := range invariantQueries {
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
