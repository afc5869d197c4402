package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// pageKey is the keyset position behind an opaque page token.
type pageKey struct {
	CreatedAt time.Time `json:"c"`
	ID        string    `json:"i"`
}

// List implements app.ParticipationEvents, newest first, keyset-paged: the token holds
// the last row's sort keys and is bound to the filters (a token replayed
// with other filters is refused), one row more than the page says whether
// another page follows.
func (s *ParticipationEvents) List(ctx context.Context, f app.ListFilter, page pagetoken.Page) ([]*domain.ParticipationEvent, string, error) {
	query := pagetoken.Fingerprint(f.Status, f.Purpose, f.Department, f.AllDrafts, f.DraftsOf)
	var key pageKey
	ok, err := pagetoken.DecodeFor(page.Token, query, &key)
	if err != nil {
		return nil, "", err
	}
	if _, err := uuid.Parse(key.ID); ok && err != nil {
		return nil, "", pagetoken.Invalid()
	}
	var after *pageKey
	if ok {
		after = &key
	}
	sql, args := listQuery(f, after, page.Size)
	rows, err := s.db.Query(ctx, sql, args...)
	if err != nil {
		return nil, "", err
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*domain.ParticipationEvent, error) { return scanEvent(r) })
	if err != nil {
		return nil, "", err
	}
	out, next := pagetoken.Cut(list, page.Size, func(e *domain.ParticipationEvent) string {
		return pagetoken.EncodeFor(query, pageKey{CreatedAt: e.CreatedAt, ID: e.ID})
	})
	return out, next, nil
}

// listQuery builds the filtered keyset query; one row more than the page
// tells whether another page follows.
func listQuery(f app.ListFilter, key *pageKey, size int) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if !f.AllDrafts {
		add("(status <> 'draft' OR department_code = $%d)", orNone(f.DraftsOf))
	}
	if f.Status != "" {
		add("status = $%d", string(f.Status))
	}
	if f.Purpose != "" {
		add("purpose = $%d", string(f.Purpose))
	}
	if f.Department != "" {
		add("department_code = $%d", f.Department)
	}
	if key != nil {
		args = append(args, key.CreatedAt, key.ID)
		where = append(where, fmt.Sprintf("(created_at, id) < ($%d, $%d::uuid)", len(args)-1, len(args)))
	}
	sql := `SELECT ` + eventColumns + ` FROM participation_events`
	if len(where) > 0 {
		sql += ` WHERE ` + strings.Join(where, " AND ")
	}
	args = append(args, size+1)
	return sql + fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args)), args
}

// orNone maps "no department" to a value no department code can have.
func orNone(dept string) string {
	if dept == "" {
		return "-" // department codes start with a letter or digit
	}
	return dept
}
