package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Writer is the store inside a consumed event's transaction.
type Writer struct{ tx pgx.Tx }

// In binds the store to tx (the consumer's, which also records the event id).
func (s *Store) In(tx pgx.Tx) *Writer { return &Writer{tx} }

// Add stores n unless its (event, template, recipient) exists.
func (w *Writer) Add(ctx context.Context, n *domain.Notice) error { return addNotice(ctx, w.tx, n) }

// DepartmentAccounts lists the department's active officials' accounts.
func (w *Writer) DepartmentAccounts(ctx context.Context, department string) ([]*domain.Account, error) {
	rows, err := w.tx.Query(ctx, `SELECT `+accountCols+` FROM accounts
		WHERE kind = 'official' AND state = 'active' AND department_code = $1 ORDER BY id`, department)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scanAccount)
}

// CloseCitizen closes the subject's live citizen account.
func (w *Writer) CloseCitizen(ctx context.Context, subject string, now time.Time) error {
	a, err := oneAccount(ctx, w.tx, `SELECT `+accountCols+` FROM accounts
		WHERE subject_id = $1 AND kind = 'citizen' AND state <> 'closed' FOR UPDATE`, subject)
	if err != nil {
		return ignoreNotFound(err)
	}
	a.Close(now)
	return saveAccount(ctx, w.tx, a)
}

// ForgetPreferences drops the subject's preferences.
func (w *Writer) ForgetPreferences(ctx context.Context, subject string) error {
	_, err := w.tx.Exec(ctx, `DELETE FROM preferences WHERE subject_id = $1`, subject)
	return err
}

// Account returns one account inside the transaction.
func (w *Writer) Account(ctx context.Context, id string) (*domain.Account, error) {
	return oneAccount(ctx, w.tx, `SELECT `+accountCols+` FROM accounts WHERE id = $1`, id)
}
