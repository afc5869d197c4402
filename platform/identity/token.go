package identity

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/seoul-gov/homepage/platform/errs"
)

// AllowedAlgorithms is the signature allow-list; "none" and HMAC are never
// accepted, so a token cannot be forged with a public key as a secret.
var AllowedAlgorithms = []jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.RS256, jose.PS256, jose.EdDSA}

// tokenClaims is the JWT body: registered claims plus ours.
type tokenClaims struct {
	jwt.Claims
	Roles            []Role `json:"roles,omitempty"`
	Department       string `json:"department,omitempty"`
	RealNameVerified bool   `json:"real_name_verified,omitempty"`
	Client           string `json:"client,omitempty"`
}

// Verifier checks bearer tokens against a key set, issuer and audience.
type Verifier struct {
	issuer   string
	audience string
	keys     func() (*jose.JSONWebKeySet, error)
	now      func() time.Time
}

// NewVerifier verifies tokens signed by keys, for issuer and audience.
func NewVerifier(issuer, audience string, keys KeySource) *Verifier {
	return &Verifier{issuer: issuer, audience: audience, keys: keys.Keys, now: time.Now}
}

// Verify parses and validates a compact JWT and returns its claims.
func (v *Verifier) Verify(raw string) (Claims, error) {
	tok, err := jwt.ParseSigned(raw, AllowedAlgorithms)
	if err != nil {
		return Claims{}, errs.Wrap(errs.KindUnauthenticated, err, "TOKEN_MALFORMED")
	}
	set, err := v.keys()
	if err != nil {
		return Claims{}, errs.Wrap(errs.KindUnavailable, err, "SIGNING_KEYS_UNAVAILABLE")
	}
	var tc tokenClaims
	if err := tok.Claims(set, &tc); err != nil {
		return Claims{}, errs.Wrap(errs.KindUnauthenticated, err, "TOKEN_SIGNATURE_INVALID")
	}
	exp := jwt.Expected{Issuer: v.issuer, AnyAudience: jwt.Audience{v.audience}, Time: v.now()}
	if err := tc.ValidateWithLeeway(exp, 30*time.Second); err != nil {
		return Claims{}, errs.Wrap(errs.KindUnauthenticated, err, "TOKEN_REJECTED")
	}
	if tc.Expiry == nil {
		return Claims{}, errs.Unauthenticated("TOKEN_WITHOUT_EXPIRY")
	}
	return Claims{Subject: tc.Subject, Roles: tc.Roles, Department: tc.Department,
		RealNameVerified: tc.RealNameVerified, Client: tc.Client}, nil
}

// KeySource yields the current verification keys.
type KeySource interface {
	Keys() (*jose.JSONWebKeySet, error)
}

// FileKeys reads a JWKS document from a file, re-reading it when it changes
// on disk so key rotation needs no restart.
type FileKeys struct {
	Path string

	mu      sync.Mutex
	modTime time.Time
	set     *jose.JSONWebKeySet
}

// Keys implements KeySource.
func (f *FileKeys) Keys() (*jose.JSONWebKeySet, error) {
	st, err := os.Stat(f.Path)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.set != nil && st.ModTime().Equal(f.modTime) {
		return f.set, nil
	}
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, err
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(b, &set); err != nil {
		return nil, fmt.Errorf("parse JWKS %s: %w", f.Path, err)
	}
	f.set, f.modTime = &set, st.ModTime()
	return f.set, nil
}

// StaticKeys is a fixed key set.
type StaticKeys struct{ Set *jose.JSONWebKeySet }

// Keys implements KeySource.
func (s StaticKeys) Keys() (*jose.JSONWebKeySet, error) { return s.Set, nil }

// Issuer mints tokens. It backs the edge's development issuer and the tests;
// production tokens come from the city's OIDC provider.
type Issuer struct {
	name     string
	audience string
	signer   jose.Signer
	public   jose.JSONWebKey
	private  jose.JSONWebKey
}

// NewIssuer creates an issuer with a fresh P-256 key.
func NewIssuer(name, audience string) (*Issuer, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return newIssuerFromKey(name, audience, key, fmt.Sprintf("dev-%d", time.Now().UnixNano()))
}

func newIssuerFromKey(name, audience string, key *ecdsa.PrivateKey, kid string) (*Issuer, error) {
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: key, KeyID: kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return nil, err
	}
	pub := jose.JSONWebKey{Key: &key.PublicKey, KeyID: kid, Algorithm: string(jose.ES256), Use: "sig"}
	priv := jose.JSONWebKey{Key: key, KeyID: kid, Algorithm: string(jose.ES256), Use: "sig"}
	return &Issuer{name: name, audience: audience, signer: signer, public: pub, private: priv}, nil
}

// KeySet is the public JWKS of the issuer.
func (i *Issuer) KeySet() *jose.JSONWebKeySet {
	return &jose.JSONWebKeySet{Keys: []jose.JSONWebKey{i.public}}
}

// Mint signs a token for c valid for ttl.
func (i *Issuer) Mint(c Claims, ttl time.Duration) (string, error) {
	now := time.Now()
	tc := tokenClaims{
		Claims: jwt.Claims{Issuer: i.name, Subject: c.Subject, Audience: jwt.Audience{i.audience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now.Add(-time.Second)),
			Expiry: jwt.NewNumericDate(now.Add(ttl))},
		Roles: c.Roles, Department: c.Department, RealNameVerified: c.RealNameVerified, Client: c.Client,
	}
	return jwt.Signed(i.signer).Claims(tc).Serialize()
}

// BearerToken extracts the token from an Authorization header value.
func BearerToken(header string) (string, bool) {
	const prefix = "bearer "
	if len(header) <= len(prefix) || !strings.EqualFold(header[:len(prefix)], prefix) {
		return "", false
	}
	return strings.TrimSpace(header[len(prefix):]), true
}

// URLKeys fetches a JWKS document over HTTP and caches it for TTL; an
// unknown key id triggers no refetch storm because the cache is time-based.
type URLKeys struct {
	URL    string
	TTL    time.Duration
	Client *http.Client

	mu      sync.Mutex
	fetched time.Time
	set     *jose.JSONWebKeySet
}

// Keys implements KeySource.
func (u *URLKeys) Keys() (*jose.JSONWebKeySet, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	ttl := u.TTL
	if ttl == 0 {
		ttl = 5 * time.Minute
	}
	if u.set != nil && time.Since(u.fetched) < ttl {
		return u.set, nil
	}
	client := u.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	resp, err := client.Get(u.URL)
	if err != nil {
		if u.set != nil {
			return u.set, nil // keep serving with the last good keys
		}
		return nil, err
	}
	defer resp.Body.Close()
	var set jose.JSONWebKeySet
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil || resp.StatusCode != http.StatusOK {
		if u.set != nil {
			return u.set, nil
		}
		return nil, fmt.Errorf("fetch JWKS %s: status %d: %v", u.URL, resp.StatusCode, err)
	}
	u.set, u.fetched = &set, time.Now()
	return u.set, nil
}

// KeySourceFor returns the key source for a JWKS file or URL (file wins).
func KeySourceFor(file, url string) KeySource {
	if file != "" {
		return &FileKeys{Path: file}
	}
	return &URLKeys{URL: url}
}
