package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
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
func (r repo) ListAppeals(ctx context.Context, status domain.AppealStatus, afterID string, limit int) ([]domain.Appeal, error) {
	rows, err := r.q.Query(ctx, `SELECT `+appealColumns+` FROM appeals
		WHERE ($1 = '' OR status = $1) AND ($2::uuid IS NULL OR id < $2::uuid)
		ORDER BY id DESC LIMIT $3`, string(status), nullable(afterID), limit)
	if err != nil {
		return nil, pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Appeal, error) { return scanAppeal(row) })
	return list, pg.MapError(err)
}

func (r repo) UpdateAppeal(ctx context.Context, a domain.Appeal) error {
	_, err := r.q.Exec(ctx, `UPDATE appeals SET status = $2, resolution = $3, resolver_subject = $4, resolved_at = $5
		WHERE id = $1`, a.ID, a.Status, a.Resolution, a.ResolverSubject, a.ResolvedAt)
	return pg.MapError(err)
}
