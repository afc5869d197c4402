package signin

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/web/internal/session"
)

// provider is a minimal OpenID Connect provider for the code flow with
// PKCE: enough of the protocol that the real client libraries run against
// it, and strict where the web front's security depends on it (the PKCE
// verifier, the redirect).
type provider struct {
	srv *httptest.Server
	key *ecdsa.PrivateKey

	mu        sync.Mutex
	challenge string
	nonce     string
	// nonceOverride, when set, is the nonce put in the ID token.
	nonceOverride string
}

const clientID = "seoul-web"

func newProvider(t *testing.T) *provider {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	p := &provider{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /jwks", p.jwks)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) discovery(w http.ResponseWriter, _ *http.Request) {
	_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.srv.URL, "authorization_endpoint": p.srv.URL + "/authorize",
		"token_endpoint": p.srv.URL + "/token", "jwks_uri": p.srv.URL + "/jwks", "id_token_signing_alg_values_supported": []string{"ES256"}})
}

func (p *provider) jwks(w http.ResponseWriter, _ *http.Request) {
	_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &p.key.PublicKey, KeyID: "k1", Algorithm: "ES256", Use: "sig"}}})
}

// authorize signs the visitor in at once and sends them back with a code.
func (p *provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("client_id") != clientID {
		http.Error(w, "PKCE S256 required", http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	p.challenge, p.nonce = q.Get("code_challenge"), q.Get("nonce")
	p.mu.Unlock()
	http.Redirect(w, r, q.Get("redirect_uri")+"?code=c1&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
}

// token answers the code exchange only with the verifier of the challenge.
func (p *provider) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	p.mu.Lock()
	defer p.mu.Unlock()
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		if r.PostForm.Get("code") != "c1" || base64.RawURLEncoding.EncodeToString(sum[:]) != p.challenge {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		p.tokens(w, "access-1")
	case "refresh_token":
		p.tokens(w, "access-2")
	}
}

func (p *provider) tokens(w http.ResponseWriter, access string) {
	nonce := p.nonce
	if p.nonceOverride != "" {
		nonce = p.nonceOverride
	}
	sig, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: p.key, KeyID: "k1"}}, nil)
	now := time.Now()
	idt, _ := jwt.Signed(sig).Claims(jwt.Claims{Issuer: p.srv.URL, Subject: "citizen-7", Audience: jwt.Audience{clientID},
		IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(time.Hour))}).
		Claims(map[string]any{"nonce": nonce, "roles": []string{"citizen"}, "real_name_verified": true}).Serialize()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 3600,
		"refresh_token": "refresh-1", "id_token": idt})
}

func (p *provider) flow() *OIDC {
	return NewOIDC(Config{Issuer: p.srv.URL, ClientID: clientID, RedirectURL: "https://www.seoul.go.kr/signin/callback",
		Scopes: []string{"profile"}})
}

// signInAt starts a sign-in and follows the provider's redirect back,
// returning the pending sign-in and the callback's state and code.
func signInAt(t *testing.T, o *OIDC) (session.Pending, string, string) {
	to, pending, err := o.Begin(context.Background(), "/my")
	require.NoError(t, err)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(to)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode, "the provider accepted the request (PKCE S256)")
	back, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	return pending, back.Query().Get("state"), back.Query().Get("code")
}

func TestCodeFlowWithPKCE(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	o := p.flow()
	pending, state, code := signInAt(t, o)
	require.Equal(t, "/my", pending.Next)
	u, tok, err := o.Finish(context.Background(), &pending, state, code)
	require.NoError(t, err)
	require.Equal(t, session.User{Subject: "citizen-7", Roles: []string{"citizen"}, RealNameVerified: true}, u)
	require.Equal(t, "access-1", tok.Access, "the access token is the visitor's bearer token for the edge")

	renewed, err := o.Refresh(context.Background(), tok)
	require.NoError(t, err)
	require.Equal(t, "access-2", renewed.Access)
}

func TestCallbacksThatDoNotBelongAreRefused(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	o := p.flow()
	cases := []struct {
		name   string
		change func(p *session.Pending, state *string)
		want   error
	}{
		{"another state (forged callback)", func(_ *session.Pending, s *string) { *s = "forged" }, ErrState},
		{"no sign-in under way", nil, ErrState},
		{"too late", func(p *session.Pending, _ *string) { p.Expires = time.Now().Add(-time.Second) }, ErrState},
		{"another verifier (stolen code)", func(p *session.Pending, _ *string) { p.Verifier = "not-the-verifier-of-the-challenge-0123456789" }, nil},
	}
	for _, c := range cases {
		pending, state, code := signInAt(t, o)
		pp := &pending
		if c.change == nil {
			pp = nil
		} else {
			c.change(pp, &state)
		}
		_, _, err := o.Finish(context.Background(), pp, state, code)
		require.Error(t, err, c.name)
		if c.want != nil {
			require.ErrorIs(t, err, c.want, c.name)
		}
	}

	p.mu.Lock()
	p.nonceOverride = "replayed-nonce"
	p.mu.Unlock()
	pending, state, code := signInAt(t, o)
	_, _, err := o.Finish(context.Background(), &pending, state, code)
	require.ErrorIs(t, err, ErrState, "an ID token for another sign-in (nonce) is refused")
}
