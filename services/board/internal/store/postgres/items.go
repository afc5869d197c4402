package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// itemSelect joins the removal decision so a tombstone needs no second
// query.
const itemSelect = `SELECT i.id, i.kind, i.board_id, i.post_id, i.author_subject, i.author_display,
	i.request_id, i.title, i.body, i.canonical, i.status, i.hidden_until, i.published,
	i.personal_data_masked, i.personal_data_kinds, i.created_at, i.updated_at, i.revision, ` + decisionColumnsD + `
	FROM items i LEFT JOIN decisions d ON d.id = i.removal_decision_id`

func scanItem(r pgx.Row) (domain.Item, error) {
	var it domain.Item
	var d decisionRow
	dest := []any{&it.ID, &it.Kind, &it.BoardID, &it.PostID, &it.AuthorSubject, &it.AuthorDisplay,
		&it.RequestID, &it.Title, &it.Body, &it.Canonical, &it.Status, &it.HiddenUntil, &it.Published,
		&it.PersonalDataMasked, &it.PersonalDataKinds, &it.CreatedAt, &it.UpdatedAt, &it.Revision}
	if err := r.Scan(append(dest, d.dest()...)...); err != nil {
		return it, err
	}
	it.Removal = d.decision()
	return it, nil
}

func (r repo) LockAuthor(ctx context.Context, subject string) error {
	_, err := r.q.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('board-author:' || $1, 0))`, subject)
	return pg.MapError(err)
}

func (r repo) ItemByRequest(ctx context.Context, subject string, kind domain.Kind, requestID string) (domain.Item, error) {
	it, err := scanItem(r.q.QueryRow(ctx, itemSelect+` WHERE i.author_subject = $1 AND i.kind = $2 AND i.request_id = $3`,
		subject, kind, requestID))
	return it, pg.MapError(err)
}

func (r repo) InsertItem(ctx context.Context, it domain.Item) error {
	_, err := r.q.Exec(ctx, `INSERT INTO items (id, kind, board_id, post_id, author_subject, author_display,
		request_id, title, body, canonical, status, hidden_until, published, personal_data_masked, personal_data_kinds,
		created_at, updated_at, lsh_indexed)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,true)`,
		it.ID, it.Kind, it.BoardID, it.PostID, it.AuthorSubject, it.AuthorDisplay, it.RequestID, it.Title, it.Body,
		it.Canonical, it.Status, it.HiddenUntil, it.Published, it.PersonalDataMasked, nonNil(it.PersonalDataKinds),
		it.CreatedAt, it.UpdatedAt)
	if err != nil {
		return pg.MapError(err)
	}
	return r.index(ctx, it.ID, it.Buckets)
}

func (r repo) GetItem(ctx context.Context, id string, forUpdate bool) (domain.Item, error) {
	q := itemSelect + ` WHERE i.id = $1`
	if forUpdate {
		q += ` FOR UPDATE OF i`
	}
	it, err := scanItem(r.q.QueryRow(ctx, q, id))
	return it, pg.MapError(err)
}

// UpdateItem stores it and sets it.Revision to the next revision, so
// every change, whoever makes it, changes the item's etag.
func (r repo) UpdateItem(ctx context.Context, it *domain.Item) error {
	var removal *string
	if it.Removal != nil {
		removal = &it.Removal.ID
	}
	err := r.q.QueryRow(ctx, `UPDATE items SET title = $2, body = $3, canonical = $4, status = $5,
		hidden_until = $6, removal_decision_id = $7, published = $8, personal_data_masked = $9, updated_at = $10,
		personal_data_kinds = $11, revision = revision + 1
		WHERE id = $1 RETURNING revision`, it.ID, it.Title, it.Body, it.Canonical, it.Status, it.HiddenUntil, removal,
		it.Published, it.PersonalDataMasked, it.UpdatedAt, nonNil(it.PersonalDataKinds)).Scan(&it.Revision)
	if errors.Is(err, pgx.ErrNoRows) {
		return errs.NotFound("BOARD_ITEM_NOT_FOUND", "kind", it.Kind, "id", it.ID)
	}
	if err != nil || it.Buckets == nil {
		return pg.MapError(err)
	}
	return r.index(ctx, it.ID, it.Buckets)
}

// ListItems pages by id (UUIDv7, so by time): posts newest first, comments
// oldest first. Pending items show only to their author or moderators.
func (r repo) ListItems(ctx context.Context, q app.ItemQuery, page pagetoken.Page) ([]domain.Item, string, error) {
	query := pagetoken.Fingerprint("items", q.Kind, q.BoardID, q.PostID)
	after, err := decodeID(page.Token, query)
	if err != nil {
		return nil, "", err
	}
	var where, order string
	args := []any{q.Kind, q.WithPendingOf, q.AllPending, page.Size + 1}
	if q.Kind == domain.KindPost {
		where, order = `i.board_id = $5`, `i.id DESC`
		args = append(args, q.BoardID)
	} else {
		where, order = `i.post_id = $5`, `i.id ASC`
		args = append(args, q.PostID)
	}
	if after != "" {
		cmp := `<`
		if q.Kind == domain.KindComment {
			cmp = `>`
		}
		where += ` AND i.id ` + cmp + ` $6`
		args = append(args, after)
	}
	rows, err := r.q.Query(ctx, itemSelect+` WHERE i.kind = $1 AND `+where+`
		AND (i.status <> 'pending' OR $3 OR i.author_subject = $2) ORDER BY `+order+` LIMIT $4`, args...)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Item, error) { return scanItem(row) })
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, next := pagetoken.Cut(list, page.Size, func(it domain.Item) string { return encodeID(query, it.ID) })
	return list, next, nil
}

// idPosition is the keyset position of a list ordered by id (UUIDv7).
type idPosition struct {
	ID string `json:"i"`
}

func encodeID(query, id string) string { return pagetoken.EncodeFor(query, idPosition{ID: id}) }

// decodeID reads a token of query: "" for the first page, the id after
// which the page starts otherwise.
func decodeID(token, query string) (string, error) {
	var pos idPosition
	ok, err := pagetoken.DecodeFor(token, query, &pos)
	if err != nil || !ok {
		return "", err
	}
	if uuid.Validate(pos.ID) != nil {
		return "", pagetoken.Invalid()
	}
	return pos.ID, nil
}

// SimilarByAuthor finds the author's texts of the window that share at
// least screening.MinSharedBuckets index buckets with the new one: one
// primary-key lookup per bucket (the author is hashed into every bucket,
// so other authors' texts never match).
func (r repo) SimilarByAuthor(ctx context.Context, subject string, since time.Time, excludeID string, buckets []int64) ([]app.Prior, error) {
	rows, err := r.q.Query(ctx, `SELECT i.id, i.kind, i.canonical FROM items i
		WHERE i.id = ANY (ARRAY(SELECT item_id FROM item_buckets WHERE bucket = ANY ($4)
		                        GROUP BY item_id HAVING count(*) >= $5))
		  AND i.author_subject = $1 AND i.created_at >= $2
		  AND ($3::uuid IS NULL OR i.id <> $3::uuid) AND i.status <> 'withdrawn'
		ORDER BY i.created_at DESC`, subject, since, nullable(excludeID), buckets, screening.MinSharedBuckets)
	if err != nil {
		return nil, pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (app.Prior, error) {
		var p app.Prior
		return p, row.Scan(&p.ID, &p.Kind, &p.Canonical)
	})
	return list, pg.MapError(err)
}

// index replaces an item's repeat-check buckets and marks it indexed.
func (r repo) index(ctx context.Context, itemID string, buckets []int64) error {
	if _, err := r.q.Exec(ctx, `DELETE FROM item_buckets WHERE item_id = $1`, itemID); err != nil {
		return pg.MapError(err)
	}
	_, err := r.q.Exec(ctx, `WITH marked AS (UPDATE items SET lsh_indexed = true WHERE id = $1 AND NOT lsh_indexed)
		INSERT INTO item_buckets (bucket, item_id) SELECT DISTINCT unnest($2::bigint[]), $1`, itemID, nonNil64(buckets))
	return pg.MapError(err)
}

func nonNil64(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}

// nonNil stores an empty array for no kinds (the column is NOT NULL).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
