package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// pageKey is the keyset position behind an opaque page token.
type pageKey struct {
	CreatedAt time.Time `json:"c"`
	ID        string    `json:"i"`
}

func decodeToken(tok string) (*pageKey, error) {
	var k pageKey
	ok, err := pagetoken.Decode(tok, &k)
	if !ok || err != nil {
		return nil, err
	}
	if _, err := uuid.Parse(k.ID); err != nil {
		return nil, pagetoken.Invalid()
	}
	return &k, nil
}

func encodeToken(e *domain.Event) string {
	return pagetoken.Encode(pageKey{CreatedAt: e.CreatedAt, ID: e.ID})
}

// List implements app.Store, newest first, keyset-paged.
func (s *Store) List(ctx context.Context, f app.ListFilter) ([]*domain.Event, string, error) {
	key, err := decodeToken(f.PageToken)
	if err != nil {
		return nil, "", err
	}
	sql, args := listQuery(f, key)
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []*domain.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, "", err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) > f.PageSize {
		out = out[:f.PageSize]
		return out, encodeToken(out[len(out)-1]), nil
	}
	return out, "", nil
}

// listQuery builds the filtered keyset query; one row more than the page
// tells whether another page follows.
func listQuery(f app.ListFilter, key *pageKey) (string, []any) {
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
	args = append(args, f.PageSize+1)
	return sql + fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args)), args
}

// orNone maps "no department" to a value no department code can have.
func orNone(dept string) string {
	if dept == "" {
		return "-" // department codes start with a letter or digit
	}
	return dept
}
