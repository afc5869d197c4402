package postgres

import (
	"time"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/pagetoken"
)

// position is where a page ended: the last row's sort key and id (keyset
// pagination, so rows added or removed meanwhile never shift later pages).
// Clients see it only inside an opaque token bound to its query's filters
// (pagetoken.EncodeFor), so a token replayed with other filters is refused
// instead of returning a wrong page.
type position struct {
	At    time.Time `json:"t,omitzero"`
	Score float32   `json:"s,omitempty"`
	ID    string    `json:"i"`
}

// after reads a page token of the query fingerprinted by query: nil for the
// first page, InvalidArgument on page_token for anything that is not one
// of its tokens.
func after(token, query string) (*position, error) {
	var p position
	ok, err := pagetoken.DecodeFor(token, query, &p)
	if !ok || err != nil {
		return nil, err
	}
	if _, err := uuid.Parse(p.ID); err != nil {
		return nil, pagetoken.Invalid()
	}
	return &p, nil
}

// keysetArgs are the SQL arguments of an optional position: NULLs on the
// first page, which the queries test with "IS NULL OR".
func (p *position) keysetArgs() (at *time.Time, score *float32, id *string) {
	if p == nil {
		return nil, nil, nil
	}
	return &p.At, &p.Score, &p.ID
}
