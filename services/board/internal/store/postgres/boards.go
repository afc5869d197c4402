package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// boardColumns: name and purpose (the Korean texts) are written beside
// name_texts and purpose_texts, the texts in every language (A2), and read
// from the latter.
const boardColumns = `id, request_id, name_texts, purpose_texts, department_code, real_name_required,
	posting_policy, moderation_mode, created_at, created_by, updated_at, revision`

func scanBoard(r pgx.Row) (domain.Board, error) {
	var b domain.Board
	err := r.Scan(&b.ID, &b.RequestID, &b.Name, &b.Purpose, &b.DepartmentCode, &b.RealNameRequired,
		&b.Posting, &b.Moderation, &b.CreatedAt, &b.CreatedBy, &b.UpdatedAt, &b.Revision)
	return b, err
}

func (r repo) InsertBoard(ctx context.Context, b domain.Board) error {
	_, err := r.q.Exec(ctx, `INSERT INTO boards (`+boardColumns+`, name, purpose)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
		b.ID, b.RequestID, b.Name, b.Purpose, b.DepartmentCode, b.RealNameRequired, b.Posting, b.Moderation, b.CreatedAt,
		b.CreatedBy, b.UpdatedAt, b.Revision, domain.Ko(b.Name), domain.Ko(b.Purpose))
	return pg.MapError(err)
}

// boards implements app.Boards.
type boards struct{ s *Store }

// Create stores b, or returns the board its creator made under the same
// request id (request ids are scoped to their caller).
func (r boards) Create(ctx context.Context, b domain.Board) (domain.Board, error) {
	db := r.s.read()
	if prior, err := db.BoardByRequest(ctx, b.CreatedBy, b.RequestID); err == nil {
		return prior, nil
	} else if !errs.Is(err, errs.KindNotFound) {
		return domain.Board{}, err
	}
	if err := db.InsertBoard(ctx, b); err != nil {
		if errs.Is(err, errs.KindAlreadyExists) {
			return db.BoardByRequest(ctx, b.CreatedBy, b.RequestID)
		}
		return domain.Board{}, err
	}
	return b, nil
}

func (r boards) Get(ctx context.Context, id string) (domain.Board, error) {
	return r.s.read().GetBoard(ctx, id)
}

func (r boards) List(ctx context.Context) ([]domain.Board, error) { return r.s.read().ListBoards(ctx) }

// Update changes a board under its row lock: fn gets the stored board;
// its result is stored as the next revision when fn returns nil.
func (r boards) Update(ctx context.Context, id string, fn func(*domain.Board) error) (domain.Board, error) {
	var b domain.Board
	err := r.s.inTx(ctx, func(_ repo, tx pgx.Tx) error {
		var err error
		b, err = scanBoard(tx.QueryRow(ctx, `SELECT `+boardColumns+` FROM boards WHERE id = $1 FOR UPDATE`, id))
		if errs.Is(pg.MapError(err), errs.KindNotFound) {
			return errs.NotFound("BOARD_NOT_FOUND", "id", id)
		} else if err != nil {
			return pg.MapError(err)
		}
		if err := fn(&b); err != nil {
			return err
		}
		b.Revision++
		_, err = tx.Exec(ctx, `UPDATE boards SET name_texts = $2, purpose_texts = $3, name = $4, purpose = $5,
			updated_at = $6, revision = $7 WHERE id = $1`,
			b.ID, b.Name, b.Purpose, domain.Ko(b.Name), domain.Ko(b.Purpose), b.UpdatedAt, b.Revision)
		return pg.MapError(err)
	})
	return b, err
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
