package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/mileage/internal/domain"
)

// AccountView reads a citizen's statement header and open lots.
func (s *Store) AccountView(ctx context.Context, subject string, now time.Time) (domain.AccountView, error) {
	v := domain.AccountView{Subject: subject}
	err := s.db.QueryRow(ctx, `SELECT
			coalesce((SELECT balance FROM accounts WHERE code = $1), 0),
			coalesce((SELECT debt FROM accounts WHERE code = $1), 0),
			coalesce((SELECT sum(points) FROM redemptions WHERE subject_id = $2 AND status = 'held'), 0)`,
		domain.Citizen(subject).Code(), subject).Scan(&v.Balance, &v.Debt, &v.Held)
	if err != nil {
		return v, err
	}
	validity, err := s.ValidityAt(ctx, now)
	if err != nil {
		return v, err
	}
	soon := now.Add(time.Duration(validity.NoticeDays) * 24 * time.Hour)
	v.Lots, err = collectLots(s.db.Query(ctx, `SELECT `+lotColumns+` FROM lots WHERE subject_id = $1 AND remaining > 0
		ORDER BY expires_at, earned_at, id`, subject))
	for _, l := range v.Lots {
		if !l.ExpiresAt.After(soon) {
			v.ExpiringSoon += l.Remaining
		}
	}
	return v, err
}

// History serves one page of the citizen's entries, newest first (by entry
// id), keyset-paged: the token holds the last entry's id and is bound to the
// subject; one row more than the page says whether another follows.
func (s *Store) History(ctx context.Context, subject string, page pagetoken.Page) ([]domain.HistoryLine, string, error) {
	query := pagetoken.Fingerprint("history", subject)
	before, err := decodeSeq(page.Token, query)
	if err != nil {
		return nil, "", err
	}
	rows, err := s.db.Query(ctx, `SELECT e.id, t.id::text, t.kind, e.amount, t.memo, t.reference, t.posted_at
		FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
		WHERE e.account = $1 AND ($2::bigint = 0 OR e.id < $2::bigint) ORDER BY e.id DESC LIMIT $3`,
		domain.Citizen(subject).Code(), before, page.Size+1)
	if err != nil {
		return nil, "", err
	}
	lines, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.HistoryLine, error) {
		var h domain.HistoryLine
		var kind string
		err := r.Scan(&h.Seq, &h.TransactionID, &kind, &h.Points, &h.Memo, &h.Reference, &h.PostedAt)
		h.Kind = domain.HistoryKind(domain.TxKind(kind), h.Points)
		return h, err
	})
	if err != nil {
		return nil, "", err
	}
	out, next := pagetoken.Cut(lines, page.Size, func(h domain.HistoryLine) string {
		return pagetoken.EncodeFor(query, seqKey{Before: h.Seq})
	})
	return out, next, nil
}

// Liability sums the budget year's system accounts and lots.
func (s *Store) Liability(ctx context.Context, year int) (domain.Liability, error) {
	l := domain.Liability{BudgetYear: year, RedeemedByChannel: map[string]int64{}}
	rows, err := s.db.Query(ctx, `SELECT a.kind, coalesce(a.channel, ''), sum(e.amount)::bigint
		FROM accounts a JOIN ledger_entries e ON e.account = a.code
		WHERE a.budget_year = $1 GROUP BY a.kind, a.channel`, year)
	if err != nil {
		return l, err
	}
	var kind, channel string
	var sum int64
	_, err = pgx.ForEachRow(rows, []any{&kind, &channel, &sum}, func() error {
		switch domain.AccountKind(kind) {
		case domain.KindIssuance:
			l.Issued = -sum
		case domain.KindHolds:
			l.Held = sum
		case domain.KindRedemption:
			l.RedeemedByChannel[channel] = sum
		case domain.KindBreakage:
			l.Expired = sum
		case domain.KindClawback:
			l.ClawedBack = sum
		}
		return nil
	})
	if err != nil {
		return l, err
	}
	err = s.db.QueryRow(ctx, `SELECT coalesce((SELECT sum(remaining) FROM lots WHERE budget_year = $1), 0)::bigint,
		coalesce((SELECT sum(debt) FROM accounts WHERE kind = 'citizen'), 0)::bigint`, year).Scan(&l.Outstanding, &l.DebtOutstanding)
	return l, err
}

// Spendable sums the citizen's unexpired lot remainders.
func (s *Store) Spendable(ctx context.Context, subject string, now time.Time) (int64, error) {
	var n int64
	err := s.db.QueryRow(ctx, `SELECT coalesce(sum(remaining), 0)::bigint FROM lots
		WHERE subject_id = $1 AND remaining > 0 AND expires_at > $2`, subject, now).Scan(&n)
	return n, err
}
