package e2e

import (
	"net/http"
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
