package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"maps"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/domain"
)

// Items stores content items with their texts, history and events.
type Items struct{ s *Store }

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// Create stores a new item, or returns the one its creator already made
// with the same request id.
func (r *Items) Create(ctx context.Context, it *domain.Item, requestID string) (*domain.Item, error) {
	var existing string
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO items (id, created_by, request_id, slug, kind, department_code,
			status, tags, attachments, ko_version, revision, version, created_at, updated_at)
			VALUES ($1, $2, nullif($3, ''), nullif($4, ''), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
			ON CONFLICT (created_by, request_id) DO NOTHING`,
			it.ID, it.CreatedBy, requestID, it.Slug, it.Kind, it.DepartmentCode, it.Status,
			nonNil(it.Tags), encodeAttachments(it.Attachments), it.KoVersion, it.Revision, it.Version,
			it.CreatedAt, it.UpdatedAt)
		if err != nil {
			return slugTaken(err, it.Slug)
		}
		if tag.RowsAffected() == 0 {
			return tx.QueryRow(ctx, `SELECT id::text FROM items WHERE created_by = $1 AND request_id = $2`,
				it.CreatedBy, requestID).Scan(&existing)
		}
		return writeTexts(ctx, tx, it)
	})
	if err != nil {
		return nil, err
	}
	if existing != "" {
		return r.Get(ctx, existing)
	}
	return r.Get(ctx, it.ID)
}

// Get returns one item with its bodies.
func (r *Items) Get(ctx context.Context, id string) (*domain.Item, error) {
	return r.one(ctx, r.s.db, itemSelect(true)+` WHERE i.id = $1`, id)
}

// GetBySlug returns the item with slug.
func (r *Items) GetBySlug(ctx context.Context, slug string) (*domain.Item, error) {
	return r.one(ctx, r.s.db, itemSelect(true)+` WHERE i.slug = $1`, slug)
}

func (r *Items) one(ctx context.Context, q querier, sql string, arg any) (*domain.Item, error) {
	rows, err := q.Query(ctx, sql, arg)
	if err != nil {
		return nil, pg.MapError(err)
	}
	it, err := pgx.CollectExactlyOneRow(rows, scanItem)
	if err != nil {
		if errs.Is(pg.MapError(err), errs.KindNotFound) {
			return nil, errs.NotFound("ITEM_NOT_FOUND", "id", arg)
		}
		return nil, pg.MapError(err)
	}
	return it, nil
}

// Update locks the item's row, applies fn and stores what changed with
// the events fn recorded, all in one transaction.
func (r *Items) Update(ctx context.Context, id string, fn func(*domain.Item) error) (*domain.Item, error) {
	var out *domain.Item
	err := r.s.db.InTx(ctx, func(tx pgx.Tx) error {
		it, err := r.one(ctx, tx, itemSelect(true)+` WHERE i.id = $1 FOR UPDATE OF i`, id)
		if err != nil {
			return err
		}
		if err := r.apply(ctx, tx, it, fn); err != nil {
			return err
		}
		out = it
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out.Department.Code != out.DepartmentCode {
		return r.Get(ctx, id) // moved: read the new department's contact
	}
	return out, nil
}

// apply runs fn on a locked item and persists the result.
func (r *Items) apply(ctx context.Context, tx pgx.Tx, it *domain.Item, fn func(*domain.Item) error) error {
	texts, based, version := maps.Clone(it.Texts), maps.Clone(it.BasedOn), it.Version
	if err := fn(it); err != nil {
		return err
	}
	if it.Version == version && len(it.Events()) == 0 {
		return nil
	}
	if err := saveItem(ctx, tx, it); err != nil {
		return err
	}
	if !maps.Equal(texts, it.Texts) || !maps.Equal(based, it.BasedOn) {
		if _, err := tx.Exec(ctx, `DELETE FROM item_texts WHERE item_id = $1`, it.ID); err != nil {
			return err
		}
		if err := writeTexts(ctx, tx, it); err != nil {
			return err
		}
	}
	return r.s.persistEvents(ctx, tx, it)
}

func saveItem(ctx context.Context, tx pgx.Tx, it *domain.Item) error {
	_, err := tx.Exec(ctx, `UPDATE items SET slug = nullif($2, ''), kind = $3, department_code = $4,
		status = $5, tags = $6, attachments = $7, ko_version = $8, revision = $9, version = $10,
		updated_at = $11, published_at = $12, last_verified_at = $13, next_review_due = $14,
		stale_announced_at = $15 WHERE id = $1`,
		it.ID, it.Slug, it.Kind, it.DepartmentCode, it.Status, nonNil(it.Tags),
		encodeAttachments(it.Attachments), it.KoVersion, it.Revision, it.Version, it.UpdatedAt,
		nullTime(it.PublishedAt), nullTime(it.LastVerifiedAt), nullTime(it.NextReviewDue),
		nullTime(it.StaleAnnouncedAt))
	return slugTaken(err, it.Slug)
}

func writeTexts(ctx context.Context, tx pgx.Tx, it *domain.Item) error {
	var langs, titles, summaries, bodies []string
	var based []int32
	for lang, t := range it.Texts {
		langs, titles, summaries, bodies = append(langs, lang), append(titles, t.Title), append(summaries, t.Summary), append(bodies, t.Body)
		based = append(based, int32(it.BasedOn[lang]))
	}
	_, err := tx.Exec(ctx, `INSERT INTO item_texts (item_id, language, title, summary, body, based_on_ko)
		SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`,
		it.ID, langs, titles, summaries, bodies, based)
	return err
}

// persistEvents keeps the item's history and revisions and writes its
// events to the outbox.
func (s *Store) persistEvents(ctx context.Context, tx pgx.Tx, it *domain.Item) error {
	for _, e := range it.Events() {
		if c, ok := e.(domain.ItemChanged); ok {
			if err := recordHistory(ctx, tx, it, c); err != nil {
				return err
			}
		}
	}
	return s.events.Write(ctx, tx, it.Events()...)
}

func recordHistory(ctx context.Context, tx pgx.Tx, it *domain.Item, e domain.ItemChanged) error {
	if e.Action == domain.ActionBecameStale {
		return nil // derived from review_due; the history needs no entry
	}
	if e.NewRevision() {
		content, err := json.Marshal(revisionContentOf(it.Content))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO item_revisions (item_id, revision, actor, at, changed_fields, note, content)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, it.ID, e.Revision, e.Actor, e.At, nonNil(e.ChangedFields), e.Note, content); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO item_history (item_id, action, actor, at, department_code, kind, revision,
		review_due, current_languages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		it.ID, e.Action, e.Actor, e.At, it.DepartmentCode, it.Kind, it.Revision, nullTime(it.NextReviewDue),
		nonNil(it.CurrentLanguages()))
	return err
}

// slugTaken reports a unique violation on the slug as such.
func slugTaken(err error, slug string) error {
	var pgErr *pgconn.PgError
	if pg.IsCode(err, pg.UniqueViolation) && errors.As(err, &pgErr) && pgErr.ConstraintName == "items_slug_key" {
		return errs.AlreadyExists("SLUG_TAKEN", "slug", slug)
	}
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
