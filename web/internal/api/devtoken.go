package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// DevTokenRequest asks the edge's development issuer for a token; it is
// not part of the public API (the edge serves POST /dev/token only with
// DEV_ISSUER_ENABLED=true), so it has no generated type.
type DevTokenRequest struct {
	Subject          string   `json:"subject"`
	Roles            []string `json:"roles"`
	Department       string   `json:"department,omitempty"`
	RealNameVerified bool     `json:"real_name_verified"`
	TTLSeconds       int      `json:"ttl_seconds,omitempty"`
}

// DevToken is a development token and when it expires.
type DevToken struct {
	AccessToken string
	Expiry      time.Time
}

// DevToken gets a token for a development sign-in.
func (k *Caller) DevToken(ctx context.Context, in DevTokenRequest) (DevToken, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return DevToken{}, err
	}
	raw, err := k.roundTrip(ctx, http.MethodPost, "/dev/token", nil, body, "")
	if err != nil {
		return DevToken{}, err
	}
	var out struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || out.AccessToken == "" {
		return DevToken{}, fmt.Errorf("decode /dev/token answer: %v", err)
	}
	return DevToken{AccessToken: out.AccessToken, Expiry: time.Now().Add(time.Duration(out.ExpiresIn) * time.Second)}, nil
}
