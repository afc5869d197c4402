package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// Violations returns the fields named by an error answer's field_violations.
func (r *Response) Violations(t *testing.T) []string {
	t.Helper()
	var body struct {
		FieldViolations []struct {
			Field string `json:"field"`
		} `json:"field_violations"`
	}
	r.JSON(t, &body)
	fields := make([]string, 0, len(body.FieldViolations))
	for _, v := range body.FieldViolations {
		fields = append(fields, v.Field)
	}
	return fields
}

// requireField checks an HTTP 400 whose field_violations name field.
func requireField(t *testing.T, r *Response, field string) {
	t.Helper()
	require.Equal(t, http.StatusBadRequest, r.Status, string(r.Body))
	require.Contains(t, r.Violations(t), field, string(r.Body))
}

// edgeCase is one request through the edge and what must come back.
type edgeCase struct {
	name   string
	c      *Client
	method string
	path   string
	body   any
	status int    // expected status; 0 with field set means 400
	field  string // named in field_violations when set
}

// runEdgeCases sends each case; a client mistake is never a server error.
func runEdgeCases(t *testing.T, cases []edgeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.c.Do(t, c.method, c.path, c.body)
			require.Less(t, r.Status, 500, "a client mistake is never a server error: %s", r.Body)
			if c.status != 0 {
				require.Equal(t, c.status, r.Status, string(r.Body))
			}
			if c.field != "" {
				requireField(t, r, c.field)
			}
		})
	}
}

// getter is c's GET, for allPages.
func (c *Client) getter(t *testing.T) func(path string) *Response {
	return func(path string) *Response { return c.Do(t, "GET", path, nil) }
}

// allPages follows next_page_token from path (which already has a query)
// to the last page and returns every element of the list named key. Every
// page must answer 200 and hold the list.
func allPages[T any](t *testing.T, get func(path string) *Response, path, key string) []T {
	t.Helper()
	var all []T
	token := ""
	for range 100 {
		p := path
		if token != "" {
			p += "&page_token=" + url.QueryEscape(token)
		}
		r := get(p)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var page map[string]json.RawMessage
		r.JSON(t, &page)
		// The edge emits every field, so a missing key is a wrong name, not
		// an empty list.
		raw, ok := page[key]
		require.True(t, ok, "%s: no list %q in %s", p, key, r.Body)
		var items []T
		require.NoError(t, json.Unmarshal(raw, &items), key)
		all = append(all, items...)
		var next string
		if raw, ok := page["next_page_token"]; ok {
			require.NoError(t, json.Unmarshal(raw, &next))
		}
		if next == "" {
			return all
		}
		token = next
	}
	t.Fatalf("%s: more than 100 pages", path)
	return nil
}
