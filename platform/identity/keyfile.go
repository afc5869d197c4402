package identity

import (
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/go-jose/go-jose/v4"
)

// WriteKeyFiles stores the issuer's private key (JWK, mode 0600) and its
// public JWKS, so a development launcher can hand the signing key to the
// edge's development issuer and the public keys to every service.
func (i *Issuer) WriteKeyFiles(privatePath, jwksPath string) error {
	priv, err := json.Marshal(i.private)
	if err != nil {
		return err
	}
	if err := os.WriteFile(privatePath, priv, 0o600); err != nil {
		return err
	}
	pub, err := json.Marshal(i.KeySet())
	if err != nil {
		return err
	}
	return os.WriteFile(jwksPath, pub, 0o644)
}

// LoadIssuer reads a private JWK written by WriteKeyFiles.
func LoadIssuer(name, audience, privatePath string) (*Issuer, error) {
	b, err := os.ReadFile(privatePath)
	if err != nil {
		return nil, err
	}
	var jwk jose.JSONWebKey
	if err := json.Unmarshal(b, &jwk); err != nil {
		return nil, fmt.Errorf("parse %s: %w", privatePath, err)
	}
	key, ok := jwk.Key.(*ecdsa.PrivateKey)
	if !ok {
		return nil, errors.New("development issuer key must be an EC private key")
	}
	return newIssuerFromKey(name, audience, key, jwk.KeyID)
}
