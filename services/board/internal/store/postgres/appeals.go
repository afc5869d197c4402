package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

const appealColumns = `id, decision_id, item_id, item_kind, appellant_subject, reason, status, resolution,
	resolver_subject, filed_at, resolved_at`

func scanAppeal(r pgx.Row) (domain.Appeal, error) {
	var a domain.Appeal
	err := r.Scan(&a.ID, &a.DecisionID, &a.ItemID, &a.ItemKind, &a.AppellantSubject, &a.Reason, &a.Status,
		&a.Resolution, &a.ResolverSubject, &a.FiledAt, &a.ResolvedAt)
	return a, err
}

func (r repo) InsertAppeal(ctx context.Context, a domain.Appeal) error {
	_, err := r.q.Exec(ctx, `INSERT INTO appeals (`+appealColumns+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
		a.ID, a.DecisionID, a.ItemID, a.ItemKind, a.AppellantSubject, a.Reason, a.Status, a.Resolution,
		a.ResolverSubject, a.FiledAt, a.ResolvedAt)
	return pg.MapError(err)
}

func (r repo) AppealByDecision(ctx context.Context, decisionID string) (domain.Appeal, error) {
	a, err := scanAppeal(r.q.QueryRow(ctx, `SELECT `+appealColumns+` FROM appeals WHERE decision_id = $1`, decisionID))
	return a, pg.MapError(err)
}

func (r repo) GetAppeal(ctx context.Context, id string, forUpdate bool) (domain.Appeal, error) {
	q := `SELECT ` + appealColumns + ` FROM appeals WHERE id = $1`
	if forUpdate {
		q += ` FOR UPDATE`
	}
	a, err := scanAppeal(r.q.QueryRow(ctx, q, id))
	if errs.Is(pg.MapError(err), errs.KindNotFound) {
		return a, errs.NotFound("APPEAL_NOT_FOUND", "id", id)
	}
	return a, pg.MapError(err)
}

// ListAppeals lists appeals newest first, optionally by status.
func (r repo) ListAppeals(ctx context.Context, status domain.AppealStatus, page pagetoken.Page) ([]domain.Appeal, string, error) {
	query := pagetoken.Fingerprint("appeals", status)
	after, err := decodeID(page.Token, query)
	if err != nil {
		return nil, "", err
	}
	rows, err := r.q.Query(ctx, `SELECT `+appealColumns+` FROM appeals
		WHERE ($1 = '' OR status = $1) AND ($2::uuid IS NULL OR id < $2::uuid)
		ORDER BY id DESC LIMIT $3`, string(status), nullable(after), page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Appeal, error) { return scanAppeal(row) })
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, next := pagetoken.Cut(list, page.Size, func(a domain.Appeal) string { return encodeID(query, a.ID) })
	return list, next, nil
}

func (r repo) UpdateAppeal(ctx context.Context, a domain.Appeal) error {
	_, err := r.q.Exec(ctx, `UPDATE appeals SET status = $2, resolution = $3, resolver_subject = $4, resolved_at = $5
		WHERE id = $1`, a.ID, a.Status, a.Resolution, a.ResolverSubject, a.ResolvedAt)
	return pg.MapError(err)
}

// appeals implements app.Appeals. Lock order: the appeal's row, then its
// item's (filing locks the item only).
type appeals struct{ s *Store }

func (r appeals) Get(ctx context.Context, id string) (domain.Appeal, error) {
	return r.s.read().GetAppeal(ctx, id, false)
}

func (r appeals) List(ctx context.Context, status domain.AppealStatus, page pagetoken.Page) ([]domain.Appeal, string, error) {
	return r.s.read().ListAppeals(ctx, status, page)
}

// File serialises the filings against one decision on its item's lock.
func (r appeals) File(ctx context.Context, decisionID string, fn func(d domain.Decision, it domain.Item, filed *domain.Appeal) (domain.Appeal, error)) (domain.Appeal, domain.Decision, error) {
	var a domain.Appeal
	var d domain.Decision
	err := r.s.inTx(ctx, func(db repo, _ pgx.Tx) error {
		var err error
		if d, err = db.GetDecision(ctx, decisionID); err != nil {
			return err
		}
		it, err := db.GetItem(ctx, d.ItemID, true)
		if err != nil {
			return err
		}
		var filed *domain.Appeal
		if prior, err := db.AppealByDecision(ctx, d.ID); err == nil {
			filed = &prior
		} else if !errs.Is(err, errs.KindNotFound) {
			return err
		}
		if a, err = fn(d, it, filed); err != nil {
			return err
		}
		if filed != nil && filed.ID == a.ID {
			return nil
		}
		return db.InsertAppeal(ctx, a)
	})
	return a, d, err
}

// Decide locks the appeal, then its item, and stores the appeal with the
// item's changes (a restoration, its case, its events).
func (r appeals) Decide(ctx context.Context, id string, fn func(a *domain.Appeal, d domain.Decision, it *domain.Item, cs *domain.Case) error) (domain.Appeal, domain.Decision, error) {
	var a domain.Appeal
	var d domain.Decision
	err := r.s.inTx(ctx, func(db repo, tx pgx.Tx) error {
		var err error
		if a, err = db.GetAppeal(ctx, id, true); err != nil {
			return err
		}
		if d, err = db.GetDecision(ctx, a.DecisionID); err != nil {
			return err
		}
		it, err := db.GetItem(ctx, a.ItemID, true)
		if err != nil {
			return err
		}
		cs, was, err := db.loadCase(ctx, it.ID)
		if err != nil {
			return err
		}
		before := stateOf(it)
		if err := fn(&a, d, &it, &cs); err != nil {
			return err
		}
		if err := r.s.saveChanges(ctx, db, tx, &before, &it, was, &cs); err != nil {
			return err
		}
		return db.UpdateAppeal(ctx, a)
	})
	return a, d, err
}
