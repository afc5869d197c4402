package auth

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/seoul-gov/homepage/gateway/internal/apierror"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/grpcserver"
	"github.com/seoul-gov/homepage/platform/identity"
)

const (
	defaultTTL      = time.Hour
	maxTTL          = 24 * time.Hour
	maxSubjectLen   = 128
	maxTokenBody    = 16 << 10
	tokenTypeBearer = "Bearer"
)

// TokenRequest is the body of POST /dev/token.
type TokenRequest struct {
	Subject          string   `json:"subject"`
	Roles            []string `json:"roles"`
	Department       string   `json:"department"`
	RealNameVerified bool     `json:"real_name_verified"`
	// Client names a machine client; use it with the "service" role.
	Client     string `json:"client"`
	TTLSeconds int    `json:"ttl_seconds"`
}

// TokenResponse is the OAuth 2.0 style answer of POST /dev/token.
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

// DevIssuer mints tokens for any identity. It exists so developers and
// tests can act as any role locally; the edge mounts it only when
// DEV_ISSUER_ENABLED=true, and its tokens verify only where its public key
// is trusted.
type DevIssuer struct {
	iss *identity.Issuer
	log *slog.Logger
}

// NewDevIssuer serves tokens signed by iss.
func NewDevIssuer(iss *identity.Issuer, log *slog.Logger) *DevIssuer {
	return &DevIssuer{iss: iss, log: log}
}

// ServeHTTP implements POST /dev/token.
func (d *DevIssuer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req TokenRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxTokenBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		bad := errs.Invalid("body", "BODY_NOT_TOKEN_REQUEST")
		bad.Cause = err
		d.fail(w, r, bad)
		return
	}
	claims, ttl, err := req.Claims()
	if err != nil {
		d.fail(w, r, err)
		return
	}
	tok, err := d.iss.Mint(claims, ttl)
	if err != nil {
		d.fail(w, r, fmt.Errorf("mint development token: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store") // RFC 6749 §5.1: tokens must not be cached
	_ = json.NewEncoder(w).Encode(TokenResponse{AccessToken: tok, TokenType: tokenTypeBearer, ExpiresIn: int(ttl / time.Second)})
}

func (d *DevIssuer) fail(w http.ResponseWriter, r *http.Request, err error) {
	apierror.Write(w, r, grpcserver.ToStatus(apierror.InLanguage(r), d.log, err))
}

// Claims validates the request, naming every bad field at once, and
// returns the identity to mint and its lifetime. Roles default to citizen
// and the lifetime to one hour.
func (req TokenRequest) Claims() (identity.Claims, time.Duration, error) {
	var v errs.Violations
	v.Check(req.Subject == "", "subject", "REQUIRED")
	v.Check(len(req.Subject) > maxSubjectLen, "subject", "TOO_LONG", "max", maxSubjectLen)
	roles := req.Roles
	if len(roles) == 0 {
		roles = []string{string(identity.RoleCitizen)}
	}
	c := identity.Claims{Subject: req.Subject, Department: req.Department,
		RealNameVerified: req.RealNameVerified, Client: req.Client}
	for i, name := range roles {
		role, ok := identity.ParseRole(name)
		v.Check(!ok, fmt.Sprintf("roles[%d]", i), "UNKNOWN_ROLE", "role", name, "known", fmt.Sprint(identity.KnownRoles))
		c.Roles = append(c.Roles, role)
	}
	v.Check(c.Has(identity.RoleOfficial) && c.Department == "", "department", "DEPARTMENT_FOR_OFFICIAL")
	ttl := defaultTTL
	if req.TTLSeconds != 0 {
		ttl = time.Duration(req.TTLSeconds) * time.Second
	}
	v.Check(ttl <= 0 || ttl > maxTTL, "ttl_seconds", "OUT_OF_RANGE", "min", 1, "max", int(maxTTL/time.Second))
	return c, ttl, v.Err()
}
