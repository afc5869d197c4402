package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// LockAccount creates the citizen's account on first use and locks its
// row for the rest of the transaction. Both statements go in one round trip.
func (t *txStore) LockAccount(ctx context.Context, subject string) (int64, error) {
	b := &pgx.Batch{}
	debts := t.queueLockAccounts(b, []string{subject})
	if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
		return 0, err
	}
	return debts[domain.Citizen(subject).Code()], nil
}

// TryLockAccount locks the citizen's account unless someone holds it, and
// reads its debt.
func (t *txStore) TryLockAccount(ctx context.Context, subject string) (debt int64, ok bool, err error) {
	code := domain.Citizen(subject).Code()
	err = t.tx.QueryRow(ctx, `SELECT debt FROM accounts WHERE code = $1 FOR UPDATE SKIP LOCKED`, code).Scan(&debt)
	if err == pgx.ErrNoRows {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return debt, true, nil
}

// SetDebt records the citizen's outstanding clawback debt.
func (t *txStore) SetDebt(ctx context.Context, subject string, debt int64) error {
	_, err := t.tx.Exec(ctx, setDebtSQL, domain.Citizen(subject).Code(), debt)
	return err
}

const setDebtSQL = `UPDATE accounts SET debt = $2 WHERE code = $1`

// Post is the single posting function: it validates the double-entry
// rule, creates system accounts on first use and writes the transaction
// and its entries in one statement, all in one round trip. A citizen's
// account is created by its first entry and its row locked by
// LockAccount when the use case reads the account first, or else by the
// running-balance update of the entries' insert. The database checks the
// balance, the accounts and the transaction after the statement and at
// commit and keeps citizens' balances from going negative; an overdraft
// attempt is FailedPrecondition.
func (t *txStore) Post(ctx context.Context, p domain.Posting) error {
	b := &pgx.Batch{}
	if err := t.queuePost(b, p); err != nil {
		return err
	}
	return postingError(t.tx.SendBatch(ctx, b).Close())
}

// queuePost validates postings and queues one statement writing them
// all (a batch of awards posts many at once). A citizen's account is
// created by its first entry (the running balance's trigger); a system
// account is created once and then known.
func (t *txStore) queuePost(b *pgx.Batch, ps ...domain.Posting) error {
	if len(ps) == 0 {
		return nil
	}
	var txs struct {
		ids, kinds, refs, memos []string
		at                      []time.Time
	}
	var entries struct {
		txIDs, codes []string
		amounts      []int64
	}
	ensured := map[string]bool{}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			return err
		}
		txs.ids, txs.kinds, txs.refs = append(txs.ids, p.ID), append(txs.kinds, string(p.Kind)), append(txs.refs, p.Reference)
		txs.memos, txs.at = append(txs.memos, p.Memo), append(txs.at, p.PostedAt)
		for _, e := range p.Entries {
			code := e.Account.Code()
			entries.txIDs, entries.codes = append(entries.txIDs, p.ID), append(entries.codes, code)
			entries.amounts = append(entries.amounts, e.Amount)
			if e.Account.Kind == domain.KindCitizen || ensured[code] {
				continue
			}
			if _, ok := t.s.known.Load(code); !ok {
				t.s.queueEnsure(b, e.Account)
				ensured[code] = true
			}
		}
	}
	b.Queue(postSQL, txs.ids, txs.kinds, txs.refs, txs.memos, txs.at, entries.txIDs, entries.codes, entries.amounts)
	return nil
}

// postSQL writes postings in one statement: the transactions and their
// entries ($6 transactions, $7 accounts, $8 amounts). The entries' checks
// and the citizens' running balances run at the end of the statement and
// see all its rows, transaction by transaction.
const postSQL = `WITH t AS (INSERT INTO ledger_transactions (id, kind, reference, memo, posted_at)
		SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]))
	INSERT INTO ledger_entries (transaction_id, account, amount)
		SELECT * FROM unnest($6::uuid[], $7::text[], $8::bigint[])`

// postingError: an overdraft refused by the database is FailedPrecondition.
func postingError(err error) error {
	if pg.IsCode(err, pg.CheckViolation) {
		return errs.Wrap(errs.KindFailedPrecondition, err, "INSUFFICIENT_POINTS_NOW")
	}
	return err
}

// queueEnsure creates an account if it is missing. A system account row
// that already existed was committed by someone, so it is safe to cache
// (citizens are not cached: there are millions, and use cases lock them
// first anyway).
func (s *Store) queueEnsure(b *pgx.Batch, a domain.Account) {
	var channel *string
	if a.Channel != "" {
		channel = &a.Channel
	}
	code := a.Code()
	var subject, balance, year any
	if a.Kind == domain.KindCitizen {
		subject, balance = a.Subject, 0
	} else {
		year = a.BudgetYear
	}
	b.Queue(`INSERT INTO accounts (code, kind, subject_id, balance, budget_year, channel) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (code) DO NOTHING`, code, string(a.Kind), subject, balance, year, channel).Exec(func(ct pgconn.CommandTag) error {
		if ct.RowsAffected() == 0 && a.Kind != domain.KindCitizen {
			s.known.Store(code, struct{}{})
		}
		return nil
	})
}

// Post writes one posting in a transaction of its own: the ledger's own
// tests and benchmarks post through it; use cases post through the
// repositories' units of work.
func (s *Store) Post(ctx context.Context, p domain.Posting) error {
	return s.inTx(ctx, func(t *txStore) error { return t.Post(ctx, p) })
}
