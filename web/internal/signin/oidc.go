// Package signin signs visitors in with the city's identity provider:
// OpenID Connect's authorization code flow with PKCE (S256), state and
// nonce, through github.com/coreos/go-oidc and golang.org/x/oauth2. The
// access token it obtains is the bearer token the web front sends to the
// edge for that visitor; the ID token's claims name the visitor.
package signin

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/seoul-gov/homepage/web/internal/session"
)

// pendingFor bounds how long a visitor may take at the provider.
const pendingFor = 10 * time.Minute

// Config names the provider and this client.
type Config struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string
	Scopes       []string
}

// OIDC is the code flow against one provider. The provider's discovery
// document is fetched on first use (and again after a failure), so the web
// front starts even while the provider is unreachable.
type OIDC struct {
	cfg Config

	mu       sync.Mutex
	provider *oidc.Provider
}

// NewOIDC returns the flow for cfg.
func NewOIDC(cfg Config) *OIDC { return &OIDC{cfg: cfg} }

// claims are the ID token claims the web front reads; roles and
// department are the suite's own (see platform/identity).
type claims struct {
	Nonce            string   `json:"nonce"`
	Roles            []string `json:"roles"`
	Department       string   `json:"department"`
	RealNameVerified bool     `json:"real_name_verified"`
}

func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, oauth2.Config, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider == nil {
		p, err := oidc.NewProvider(ctx, o.cfg.Issuer)
		if err != nil {
			return nil, oauth2.Config{}, fmt.Errorf("identity provider %s: %w", o.cfg.Issuer, err)
		}
		o.provider = p
	}
	scopes := append([]string{oidc.ScopeOpenID}, o.cfg.Scopes...)
	return o.provider, oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret,
		RedirectURL: o.cfg.RedirectURL, Endpoint: o.provider.Endpoint(), Scopes: scopes}, nil
}

// Begin starts a sign-in: the provider's authorization URL and what the
// session must remember to finish it.
func (o *OIDC) Begin(ctx context.Context, next string) (string, session.Pending, error) {
	_, oc, err := o.discover(ctx)
	if err != nil {
		return "", session.Pending{}, err
	}
	p := session.Pending{State: session.Random(), Nonce: session.Random(), Verifier: oauth2.GenerateVerifier(),
		Next: next, Expires: time.Now().Add(pendingFor)}
	u := oc.AuthCodeURL(p.State, oidc.Nonce(p.Nonce), oauth2.S256ChallengeOption(p.Verifier))
	return u, p, nil
}

// ErrState is a callback that does not belong to the pending sign-in
// (forged, replayed or too late).
var ErrState = errors.New("sign-in state does not match")

// Finish exchanges the code (with the PKCE verifier), verifies the ID
// token (signature, issuer, audience, expiry, nonce) and returns the user
// and their tokens.
func (o *OIDC) Finish(ctx context.Context, p *session.Pending, state, code string) (session.User, session.Token, error) {
	if p == nil || state == "" || state != p.State || time.Now().After(p.Expires) {
		return session.User{}, session.Token{}, ErrState
	}
	prov, oc, err := o.discover(ctx)
	if err != nil {
		return session.User{}, session.Token{}, err
	}
	tok, err := oc.Exchange(ctx, code, oauth2.VerifierOption(p.Verifier))
	if err != nil {
		return session.User{}, session.Token{}, fmt.Errorf("code exchange: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return session.User{}, session.Token{}, errors.New("token response without id_token")
	}
	idt, err := prov.Verifier(&oidc.Config{ClientID: o.cfg.ClientID}).Verify(ctx, raw)
	if err != nil {
		return session.User{}, session.Token{}, fmt.Errorf("id token: %w", err)
	}
	var c claims
	if err := idt.Claims(&c); err != nil {
		return session.User{}, session.Token{}, fmt.Errorf("id token claims: %w", err)
	}
	if c.Nonce != p.Nonce {
		return session.User{}, session.Token{}, ErrState
	}
	u := session.User{Subject: idt.Subject, Roles: c.Roles, Department: c.Department, RealNameVerified: c.RealNameVerified}
	return u, session.Token{Access: tok.AccessToken, Refresh: tok.RefreshToken, Expiry: tok.Expiry}, nil
}

// Refresh renews an expired access token with the refresh token.
func (o *OIDC) Refresh(ctx context.Context, t session.Token) (session.Token, error) {
	if t.Refresh == "" {
		return session.Token{}, errors.New("no refresh token")
	}
	_, oc, err := o.discover(ctx)
	if err != nil {
		return session.Token{}, err
	}
	old := &oauth2.Token{AccessToken: t.Access, RefreshToken: t.Refresh, Expiry: time.Now().Add(-time.Minute)}
	tok, err := oc.TokenSource(ctx, old).Token()
	if err != nil {
		return session.Token{}, fmt.Errorf("refresh: %w", err)
	}
	return session.Token{Access: tok.AccessToken, Refresh: tok.RefreshToken, Expiry: tok.Expiry}, nil
}
