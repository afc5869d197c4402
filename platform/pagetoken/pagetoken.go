// Package pagetoken makes and reads the opaque page tokens of keyset
// pagination. A service keeps its keyset position in a small struct (the
// last row's sort keys and id); clients only see base64url of its JSON, and
// anything that is not such a token is bad input naming page_token.
package pagetoken

import (
	"encoding/base64"
	"encoding/json"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Encode returns the token of position (a struct of JSON-encodable keys).
func Encode(position any) string {
	b, err := json.Marshal(position)
	if err != nil {
		panic("pagetoken: position must be JSON-encodable: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Decode reads token into position. It reports false for the first page
// (no token) and InvalidArgument on page_token for anything unreadable;
// callers add their own checks (ids well-formed, same query) with Invalid.
func Decode(token string, position any) (bool, error) {
	if token == "" {
		return false, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || json.Unmarshal(b, position) != nil {
		return false, Invalid()
	}
	return true, nil
}

// Invalid is the error for a token that is not one of this query's.
func Invalid() error {
	return errs.Invalid("page_token", "PAGE_TOKEN")
}

// Size reads a request's page_size as the suite's lists do (AIP-158):
// negative is bad input, 0 means def, anything above max is served as max.
func Size(n, def, max int) (int, error) {
	switch {
	case n < 0:
		return 0, errs.Invalid("page_size", "PAGE_SIZE")
	case n == 0:
		return def, nil
	}
	return min(n, max), nil
}

// MaxSeq is the largest sequence position a token may carry: far beyond any
// bigint identity a table will reach, and exactly representable in JSON
// numbers, so anything above it was not made by the store that reads it.
const MaxSeq = 1<<53 - 1
