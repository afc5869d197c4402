package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

const anchorColumns = `number, seq, head_hash, anchored_at, previous_hash, signature`

func scanAnchor(r pgx.CollectableRow) (domain.Anchor, error) {
	var a domain.Anchor
	err := r.Scan(&a.Number, &a.Seq, &a.Head, &a.At, &a.Previous, &a.Signature)
	a.At = a.At.UTC()
	return a, err
}

// Update implements app.Anchors. It takes the access log's append lock,
// so the head it reads is the head the anchor signs, and replicas running
// the job at once anchor one after the other (the second finds nothing
// new).
func (s Anchors) Update(ctx context.Context, fn func(*domain.Anchoring) error) (*domain.Anchor, error) {
	var x domain.Anchoring
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, accessLogLock); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1`).Scan(&x.Head.Seq, &x.Head.Hash)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+anchorColumns+` FROM access_log_anchors ORDER BY number DESC LIMIT 1`)
		if err != nil {
			return err
		}
		last, err := pgx.CollectRows(rows, scanAnchor)
		if err != nil {
			return err
		}
		if len(last) == 1 {
			x.Last = &last[0]
		}
		if err := fn(&x); err != nil || x.New == nil {
			return err
		}
		a := x.New
		if _, err := tx.Exec(ctx, `INSERT INTO access_log_anchors (`+anchorColumns+`) VALUES ($1, $2, $3, $4, $5, $6)`,
			a.Number, a.Seq, a.Head, a.At, a.Previous, a.Signature); err != nil {
			return err
		}
		return s.events.Write(ctx, tx, x.Events()...)
	})
	return x.New, err
}

// anchorPosition is a page's keyset position: the last number served.
type anchorPosition struct {
	Before int64 `json:"b"`
}

var anchorQuery = pagetoken.Fingerprint("access_log_anchors")

// List implements app.Anchors.
func (s Anchors) List(ctx context.Context, page pagetoken.Page) ([]domain.Anchor, string, error) {
	var pos anchorPosition
	if _, err := pagetoken.DecodeFor(page.Token, anchorQuery, &pos); err != nil {
		return nil, "", err
	}
	if pos.Before < 0 || pos.Before > pagetoken.MaxSeq {
		return nil, "", pagetoken.Invalid()
	}
	rows, err := s.db.Query(ctx, `SELECT `+anchorColumns+` FROM access_log_anchors
		WHERE $1::bigint = 0 OR number < $1::bigint ORDER BY number DESC LIMIT $2`, pos.Before, page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanAnchor)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	out, next := pagetoken.Cut(out, page.Size, func(a domain.Anchor) string {
		return pagetoken.EncodeFor(anchorQuery, anchorPosition{Before: a.Number})
	})
	return out, next, nil
}

// All implements app.Anchors.
func (s Anchors) All(ctx context.Context) ([]domain.Anchor, error) {
	rows, err := s.db.Query(ctx, `SELECT `+anchorColumns+` FROM access_log_anchors ORDER BY number`)
	if err != nil {
		return nil, pg.MapError(err)
	}
	out, err := pgx.CollectRows(rows, scanAnchor)
	return out, pg.MapError(err)
}
