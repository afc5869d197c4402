// Package partner is the HTTP client of the redemption partners (transit
// card top-up, online library certificates, other public services). The
// partners' API is the one the sandbox package serves.
package partner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/seoul-gov/homepage/services/mileage/internal/app"
)

// Client calls a partner's HTTP API at BaseURL.
type Client struct {
	base string
	http *http.Client
}

// New returns a client for the partner at baseURL.
func New(baseURL string) *Client {
	return &Client{base: baseURL, http: &http.Client{Timeout: 30 * time.Second}}
}

type request struct {
	Channel string `json:"channel"`
	ItemID  string `json:"item_id"`
	Points  int64  `json:"points"`
	Account string `json:"account,omitempty"`
}

type result struct {
	Status    string `json:"status"`
	Reference string `json:"reference"`
	Reason    string `json:"reason"`
}

// Confirm asks the partner to deliver the redemption.
func (c *Client) Confirm(ctx context.Context, req app.PartnerRequest) (app.PartnerResult, error) {
	return c.call(ctx, req.RedemptionID, "confirm", request{Channel: req.Channel, ItemID: req.ItemID, Points: req.Points, Account: req.Account})
}

// Cancel tells the partner not to deliver; it answers confirmed if it
// already did.
func (c *Client) Cancel(ctx context.Context, redemptionID, channel string) (app.PartnerResult, error) {
	return c.call(ctx, redemptionID, "cancel", request{Channel: channel})
}

// call posts to /v1/redemptions/{id}/{verb}. Transport failures and 5xx
// answers are errors (outcome unknown); a well-formed answer is a result.
func (c *Client) call(ctx context.Context, id, verb string, body request) (app.PartnerResult, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return app.PartnerResult{}, err
	}
	u := c.base + "/v1/redemptions/" + url.PathEscape(id) + "/" + verb
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(b))
	if err != nil {
		return app.PartnerResult{}, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(hreq)
	if err != nil {
		return app.PartnerResult{}, fmt.Errorf("partner %s: %w", verb, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return app.PartnerResult{}, fmt.Errorf("partner %s: HTTP %d", verb, resp.StatusCode)
	}
	var res result
	if err := json.Unmarshal(raw, &res); err != nil || res.Status == "" {
		return app.PartnerResult{}, fmt.Errorf("partner %s: unreadable answer", verb)
	}
	return app.PartnerResult{Status: res.Status, Reference: res.Reference, Reason: res.Reason}, nil
}
