package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

const boardColumns = `id, request_id, name, purpose, department_code, real_name_required,
	posting_policy, moderation_mode, created_at, created_by`

func scanBoard(r pgx.Row) (domain.Board, error) {
	var b domain.Board
	err := r.Scan(&b.ID, &b.RequestID, &b.Name, &b.Purpose, &b.DepartmentCode, &b.RealNameRequired,
		&b.Posting, &b.Moderation, &b.CreatedAt, &b.CreatedBy)
	return b, err
}

func (r repo) InsertBoard(ctx context.Context, b domain.Board) error {
	_, err := r.q.Exec(ctx, `INSERT INTO boards (`+boardColumns+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		b.ID, b.RequestID, b.Name, b.Purpose, b.DepartmentCode, b.RealNameRequired, b.Posting, b.Moderation, b.CreatedAt,
		b.CreatedBy)
	return pg.MapError(err)
}

// BoardByRequest finds the board createdBy made under requestID: request
// ids are scoped to their caller.
func (r repo) BoardByRequest(ctx context.Context, createdBy, requestID string) (domain.Board, error) {
	b, err := scanBoard(r.q.QueryRow(ctx, `SELECT `+boardColumns+` FROM boards WHERE created_by = $1 AND request_id = $2`,
		createdBy, requestID))
	return b, pg.MapError(err)
}

func (r repo) GetBoard(ctx context.Context, id string) (domain.Board, error) {
	b, err := scanBoard(r.q.QueryRow(ctx, `SELECT `+boardColumns+` FROM boards WHERE id = $1`, id))
	if errs.Is(pg.MapError(err), errs.KindNotFound) {
		return b, errs.NotFound("BOARD_NOT_FOUND", "id", id)
	}
	return b, pg.MapError(err)
}

func (r repo) ListBoards(ctx context.Context) ([]domain.Board, error) {
	rows, err := r.q.Query(ctx, `SELECT `+boardColumns+` FROM boards ORDER BY created_at, id`)
	if err != nil {
		return nil, pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Board, error) { return scanBoard(row) })
	return list, pg.MapError(err)
}
