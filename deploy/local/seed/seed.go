// Package seed loads a small realistic sample into a freshly started suite
// so a new user sees something at once. It goes through the REST edge with
// tokens from the development issuer, exactly as a client would, so the
// sample also proves the public API works.
package seed

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"time"

	"github.com/seoul-gov/homepage/platform/identity"
)

// Step loads one service's sample data.
type Step struct {
	Service string
	// Order runs steps ascending; content (departments) comes first.
	Order int
	Run   func(ctx context.Context, c *Client) error
}

var steps []Step

// register adds a step; each service's file registers its own in init.
func register(s Step) { steps = append(steps, s) }

// Client calls the edge as chosen identities.
type Client struct {
	BaseURL string
	Issuer  *identity.Issuer
	HTTP    *http.Client
}

// Caller is a Client acting as one identity.
type Caller struct {
	c     *Client
	token string
}

// As returns a caller with a token for claims.
func (c *Client) As(claims identity.Claims) (*Caller, error) {
	tok, err := c.Issuer.Mint(claims, time.Hour)
	if err != nil {
		return nil, err
	}
	return &Caller{c: c, token: tok}, nil
}

// Do sends body as JSON and decodes a 2xx response into out (if non-nil).
// Any other status is an error carrying the response body.
func (k *Caller) Do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, k.c.BaseURL+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+k.token)
	resp, err := k.c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// Run executes every registered step in order.
func Run(ctx context.Context, c *Client, logf func(string, ...any)) error {
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].Order < steps[j].Order })
	for _, s := range steps {
		if err := s.Run(ctx, c); err != nil {
			return fmt.Errorf("seed %s: %w", s.Service, err)
		}
		logf("sample data loaded: %s", s.Service)
	}
	return nil
}
