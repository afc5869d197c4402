package pagetoken

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Page is a list request after its page_size was read with Size: how many
// rows to serve and where to start.
type Page struct {
	Size  int
	Token string
}

// bound is a position tied to the query it belongs to.
type bound[P any] struct {
	Query string `json:"q"`
	Pos   P      `json:"p"`
}

// Fingerprint identifies a query by its filters, so a token made for one
// query is refused by another instead of silently serving a wrong page.
func Fingerprint(filters ...any) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%q", filters))
	return hex.EncodeToString(sum[:6])
}

// EncodeFor returns the token of position within the query fingerprinted
// by query.
func EncodeFor[P any](query string, position P) string {
	return Encode(bound[P]{Query: query, Pos: position})
}

// DecodeFor reads a token made by EncodeFor for the same query: false for
// the first page, InvalidArgument on page_token for a token of another
// query or anything unreadable.
func DecodeFor[P any](token, query string, position *P) (bool, error) {
	var b bound[P]
	ok, err := Decode(token, &b)
	if !ok || err != nil {
		return false, err
	}
	if b.Query != query {
		return false, Invalid()
	}
	*position = b.Pos
	return true, nil
}

// Cut serves one page from rows fetched with one row more than size: that
// extra row only says that another page exists, and the token points after
// the last row served. Lists never end with an empty page this way.
func Cut[T any](rows []T, size int, next func(last T) string) ([]T, string) {
	if len(rows) <= size {
		return rows, ""
	}
	rows = rows[:size]
	return rows, next(rows[size-1])
}
