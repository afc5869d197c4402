package postgres

import (
	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/pagetoken"
)

// The lists' keyset positions (the last row served's sort key) behind
// their opaque page tokens, which are bound to the list's filters
// (pagetoken.EncodeFor/DecodeFor): a token replayed with other filters is
// bad input naming page_token, as is one whose position was not made here.

// seqKey is the position of a list ordered by a bigint id, newest first
// (statement lines by entry id, rule versions by id).
type seqKey struct {
	Before int64 `json:"b"`
}

// decodeSeq reads a seqKey token of query: 0 for the first page, the
// position (1..pagetoken.MaxSeq, passed to SQL as a bigint) otherwise.
func decodeSeq(token, query string) (int64, error) {
	var key seqKey
	ok, err := pagetoken.DecodeFor(token, query, &key)
	if err != nil || !ok {
		return 0, err
	}
	if key.Before <= 0 || key.Before > pagetoken.MaxSeq {
		return 0, pagetoken.Invalid()
	}
	return key.Before, nil
}

// idKey is the position of a list ordered by a UUIDv7 id, newest first
// (redemptions).
type idKey struct {
	Before string `json:"b"`
}

// decodeID reads an idKey token of query: nil for the first page, the id
// otherwise.
func decodeID(token, query string) (*string, error) {
	var key idKey
	ok, err := pagetoken.DecodeFor(token, query, &key)
	if err != nil || !ok {
		return nil, err
	}
	if _, err := uuid.Parse(key.Before); err != nil {
		return nil, pagetoken.Invalid()
	}
	return &key.Before, nil
}
