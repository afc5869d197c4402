package app

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/seoul-gov/homepage/platform/errs"
)

// Page sizes.
const (
	defaultPage = 20
	maxPage     = 100
)

// pageSize clamps a requested page size; negative is bad input.
func pageSize(n int32) (int, error) {
	switch {
	case n < 0:
		return 0, errs.Invalid("page_size", "must not be negative")
	case n == 0:
		return defaultPage, nil
	}
	return min(int(n), maxPage), nil
}

// Page tokens are opaque to clients: base64 of the keyset position.
func encodeToken(parts ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(parts, "|")))
}

func decodeToken(tok string, n int) ([]string, error) {
	if tok == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	parts := strings.Split(string(raw), "|")
	if err != nil || len(parts) != n {
		return nil, errs.Invalid("page_token", "not a token this service issued")
	}
	return parts, nil
}

// idToken decodes a token holding one id.
func idToken(tok string) (string, error) {
	p, err := decodeToken(tok, 1)
	if err != nil || p == nil {
		return "", err
	}
	if _, err := uuid.Parse(p[0]); err != nil {
		return "", errs.Invalid("page_token", "not a token this service issued")
	}
	return p[0], nil
}

func queueToken(tok string) (*QueueCursor, error) {
	p, err := decodeToken(tok, 2)
	if err != nil || p == nil {
		return nil, err
	}
	u, err := strconv.ParseFloat(p[0], 64)
	if _, perr := uuid.Parse(p[1]); err != nil || perr != nil {
		return nil, errs.Invalid("page_token", "not a token this service issued")
	}
	return &QueueCursor{Urgency: u, ItemID: p[1]}, nil
}

// requireID checks that an id field is a well-formed id, so a malformed
// one is bad input rather than "not found".
func requireID(field, id string) error {
	if id == "" {
		return errs.Invalid(field, "required")
	}
	if _, err := uuid.Parse(id); err != nil {
		return errs.Invalid(field, "not a valid id")
	}
	return nil
}
