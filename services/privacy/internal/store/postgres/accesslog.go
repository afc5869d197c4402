package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/app"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// accessLogLock serializes appends so each entry links to the one before
// it; the lock is per transaction and released at commit.
const accessLogLock = 0x70726976 // "priv"

// Append implements app.AccessLog in its own transaction.
func (s AccessLog) Append(ctx context.Context, entries ...domain.AccessEntry) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error { return s.append(ctx, tx, entries...) })
}

// append adds entries to the chain inside tx. The chain head is read under
// the advisory lock, so concurrent appends never fork the chain.
func (s *store) append(ctx context.Context, tx pgx.Tx, entries ...domain.AccessEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, accessLogLock); err != nil {
		return err
	}
	prev := []byte{}
	err := tx.QueryRow(ctx, `SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1`).Scan(&prev)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	for _, e := range entries {
		if err := tx.QueryRow(ctx, `SELECT nextval('access_log_seq')`).Scan(&e.Seq); err != nil {
			return err
		}
		e.PrevHash, e.Hash = prev, e.ChainHash(s.chainKey, prev)
		if err := insertEntry(ctx, tx, e); err != nil {
			return err
		}
		prev = e.Hash
	}
	return nil
}

func insertEntry(ctx context.Context, tx pgx.Tx, e domain.AccessEntry) error {
	_, err := tx.Exec(ctx, `INSERT INTO access_log (seq, occurred_at, actor_subject, actor_roles,
		actor_department, calling_service, subject_id, fields, purpose, case_reference, outcome,
		reason, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
		e.Seq, e.OccurredAt, e.ActorSubject, nonNil(e.ActorRoles), e.ActorDepartment, e.CallingService,
		e.SubjectID, nonNil(e.Fields), e.Purpose, e.CaseReference, string(e.Outcome), e.Reason, e.PrevHash, e.Hash)
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const entryColumns = `seq, occurred_at, actor_subject, actor_roles, actor_department, calling_service,
	subject_id, fields, purpose, case_reference, outcome, reason, prev_hash, hash`

func scanEntry(r pgx.CollectableRow) (domain.AccessEntry, error) {
	var e domain.AccessEntry
	var outcome string
	err := r.Scan(&e.Seq, &e.OccurredAt, &e.ActorSubject, &e.ActorRoles, &e.ActorDepartment, &e.CallingService,
		&e.SubjectID, &e.Fields, &e.Purpose, &e.CaseReference, &outcome, &e.Reason, &e.PrevHash, &e.Hash)
	e.Outcome = domain.Outcome(outcome)
	e.OccurredAt = e.OccurredAt.UTC()
	return e, err
}

// logPosition is a page's keyset position: the last seq served.
type logPosition struct {
	Before int64 `json:"b"`
}

// List implements app.AccessLog: newest first, keyset-paged by seq, the
// token bound to the filters.
func (s AccessLog) List(ctx context.Context, f app.AccessFilter, page pagetoken.Page) ([]domain.AccessEntry, string, error) {
	query := pagetoken.Fingerprint("access_log", f.SubjectID, f.ActorSubject)
	var pos logPosition
	if _, err := pagetoken.DecodeFor(page.Token, query, &pos); err != nil {
		return nil, "", err
	}
	if pos.Before < 0 || pos.Before > pagetoken.MaxSeq {
		return nil, "", pagetoken.Invalid()
	}
	rows, err := s.db.Query(ctx, `SELECT `+entryColumns+` FROM access_log
		WHERE ($1 = '' OR subject_id = $1) AND ($2 = '' OR actor_subject = $2) AND ($3::bigint = 0 OR seq < $3::bigint)
		ORDER BY seq DESC LIMIT $4`, f.SubjectID, f.ActorSubject, pos.Before, page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanEntry)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	out, next := pagetoken.Cut(out, page.Size, func(e domain.AccessEntry) string {
		return pagetoken.EncodeFor(query, logPosition{Before: e.Seq})
	})
	return out, next, nil
}

// Verify implements app.AccessLog: walks the whole chain in order inside a
// repeatable-read snapshot, so appends during the walk do not disturb it.
func (s AccessLog) Verify(ctx context.Context, v *domain.ChainVerifier) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+entryColumns+` FROM access_log ORDER BY seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				return err
			}
			if !v.Next(e) {
				return nil
			}
		}
		return rows.Err()
	})
}
