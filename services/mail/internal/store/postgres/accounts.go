package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/mail/internal/domain"
)

// Accounts stores e-mail IDs.
type Accounts struct{ s *Store }

// Accounts returns the account repository.
func (s *Store) Accounts() *Accounts { return &Accounts{s} }

const accountCols = `id::text, kind, local_part, domain, subject_id, department_code, display_name, state,
	accepted_terms, suspension, submission_password_hash, submission_password_at, created_at, updated_at`

// Create stores a, or returns the account its creator made with requestID.
func (r *Accounts) Create(ctx context.Context, a *domain.Account, createdBy, requestID string) (*domain.Account, error) {
	var existing string
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO accounts (id, kind, local_part, domain, subject_id, department_code,
			display_name, state, accepted_terms, created_by, request_id, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, nullif($11, ''), $12, $12)
			ON CONFLICT (created_by, request_id) DO NOTHING`,
			a.ID, a.Kind, a.LocalPart, a.Domain, a.SubjectID, a.DepartmentCode, a.DisplayName, a.State,
			a.AcceptedTerms, createdBy, requestID, a.CreatedAt)
		if err != nil {
			return taken(err)
		}
		if tag.RowsAffected() == 0 {
			return tx.QueryRow(ctx, `SELECT id::text FROM accounts WHERE created_by = $1 AND request_id = $2`,
				createdBy, requestID).Scan(&existing)
		}
		return r.s.events.Write(ctx, tx, a.Events()...)
	})
	if err != nil {
		return nil, err
	}
	if existing != "" {
		return r.Get(ctx, existing)
	}
	return r.Get(ctx, a.ID)
}

// taken names which uniqueness rule a new account broke.
func taken(err error) error {
	var pgErr *pgconn.PgError
	if !pg.IsCode(err, pg.UniqueViolation) || !errors.As(err, &pgErr) {
		return pg.MapError(err)
	}
	if pgErr.ConstraintName == "accounts_one_per_citizen" {
		return errs.AlreadyExists("ONE_ID_PER_CITIZEN")
	}
	return errs.AlreadyExists("ADDRESS_TAKEN")
}

// Get returns one account.
func (r *Accounts) Get(ctx context.Context, id string) (*domain.Account, error) {
	return oneAccount(ctx, r.s.db, `SELECT `+accountCols+` FROM accounts WHERE id = $1`, id)
}

// LiveCitizen returns the subject's citizen account that is not closed.
func (r *Accounts) LiveCitizen(ctx context.Context, subject string) (*domain.Account, error) {
	return oneAccount(ctx, r.s.db, `SELECT `+accountCols+` FROM accounts
		WHERE subject_id = $1 AND kind = 'citizen' AND state <> 'closed'`, subject)
}

// ByAddress returns the account whose address is local@domain (addresses
// are never reused, so there is at most one).
func (r *Accounts) ByAddress(ctx context.Context, local, domain string) (*domain.Account, error) {
	return oneAccount(ctx, r.s.db, `SELECT `+accountCols+` FROM accounts WHERE local_part = $1 AND domain = $2`, local, domain)
}

// DepartmentOfficials lists the department's active officials' accounts.
func (r *Accounts) DepartmentOfficials(ctx context.Context, department string) ([]*domain.Account, error) {
	rows, err := r.s.db.Query(ctx, `SELECT `+accountCols+` FROM accounts
		WHERE kind = 'official' AND state = 'active' AND department_code = $1 ORDER BY id`, department)
	if err != nil {
		return nil, pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, scanAccount)
	return list, pg.MapError(err)
}

// Update locks the account, applies fn and stores it with its events.
func (r *Accounts) Update(ctx context.Context, id string, fn func(*domain.Account) error) (*domain.Account, error) {
	var out *domain.Account
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		a, err := oneAccount(ctx, tx, `SELECT `+accountCols+` FROM accounts WHERE id = $1 FOR UPDATE`, id)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
		out = a
		return r.save(ctx, tx, a)
	})
	return out, err
}

func (r *Accounts) save(ctx context.Context, tx pgx.Tx, a *domain.Account) error {
	susp, err := json.Marshal(a.Suspension)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET state = $2, accepted_terms = $3, suspension = $4, updated_at = $5,
		submission_password_hash = $6, submission_password_at = $7
		WHERE id = $1`, a.ID, a.State, a.AcceptedTerms, susp, a.UpdatedAt, a.SubmissionHash, nullTime(a.SubmissionSetAt)); err != nil {
		return pg.MapError(err)
	}
	return r.s.events.Write(ctx, tx, a.Events()...)
}

func oneAccount(ctx context.Context, q querier, sql string, args ...any) (*domain.Account, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, pg.MapError(err)
	}
	a, err := pgx.CollectExactlyOneRow(rows, scanAccount)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errs.NotFound("MAIL_ACCOUNT_NOT_FOUND")
	}
	return a, pg.MapError(err)
}

func scanAccount(row pgx.CollectableRow) (*domain.Account, error) {
	var a domain.Account
	var susp []byte
	var setAt *time.Time
	err := row.Scan(&a.ID, &a.Kind, &a.LocalPart, &a.Domain, &a.SubjectID, &a.DepartmentCode, &a.DisplayName,
		&a.State, &a.AcceptedTerms, &susp, &a.SubmissionHash, &setAt, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if setAt != nil {
		a.SubmissionSetAt = *setAt
	}
	if len(susp) > 0 && string(susp) != "null" {
		a.Suspension = new(domain.Suspension)
		if err := json.Unmarshal(susp, a.Suspension); err != nil {
			return nil, err
		}
	}
	return &a, nil
}
