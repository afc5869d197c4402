package postgres

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/seoul-gov/homepage/platform/pagetoken"
)

// cursor is the position after the last row of a page: keyset pagination,
// so rows added or removed meanwhile never shift later pages. Clients see
// it only as an opaque token.
type cursor struct {
	// Filter fingerprints the query the token belongs to; a token replayed
	// with other filters is refused instead of returning a wrong page.
	Filter string    `json:"f"`
	At     time.Time `json:"t,omitzero"`
	Score  float32   `json:"s,omitempty"`
	ID     string    `json:"i"`
}

func (c cursor) token() string { return pagetoken.Encode(c) }

// decodeCursor reads a page token for the query fingerprinted by filter;
// nil for the first page.
func decodeCursor(token, filter string) (*cursor, error) {
	var c cursor
	ok, err := pagetoken.Decode(token, &c)
	if !ok || err != nil {
		return nil, err
	}
	if c.Filter != filter || c.ID == "" {
		return nil, pagetoken.Invalid()
	}
	return &c, nil
}

// fingerprint identifies a query's filters.
func fingerprint(parts ...any) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%q", parts)))
	return hex.EncodeToString(sum[:6])
}

// keysetArgs are the SQL arguments of an optional cursor: NULLs on the
// first page, which the queries test with "IS NULL OR".
func (c *cursor) keysetArgs() (at *time.Time, score *float32, id *string) {
	if c == nil {
		return nil, nil, nil
	}
	return &c.At, &c.Score, &c.ID
}
