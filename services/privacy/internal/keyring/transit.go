package keyring

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// Transit implements KeyEncryptionKeys over the Transit secrets engine of
// HashiCorp Vault or OpenBao, an external KMS: the key-encryption key never
// leaves it. Data keys are wrapped with /encrypt and unwrapped with
// /decrypt under a named Transit key (AES-256-GCM, the associated data
// bound in), and the Transit key's versions are the vault's KEK versions.
// Rotating the Transit key adds a version; set it active (or restart to
// take the latest) and the rewrap job moves the data keys to it, as with
// the key file.
type Transit struct {
	cfg    TransitConfig
	active int
	client *http.Client
}

// TransitConfig locates the Transit key.
type TransitConfig struct {
	// Addr is the server, e.g. https://openbao.internal:8200.
	Addr string
	// Mount is the engine's mount path ("transit").
	Mount string
	// Key names the Transit key.
	Key string
	// Token returns the bearer token for each call (read from a file, so
	// a renewed token is picked up without a restart).
	Token func() (string, error)
	// Version is the active version; 0 takes the key's latest at start.
	Version int
	// Client is the HTTP client (its TLS configuration trusts the server).
	Client *http.Client
}

// NewTransit reads the Transit key's versions and returns the key ring.
func NewTransit(ctx context.Context, cfg TransitConfig) (*Transit, error) {
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 10 * time.Second}
	}
	t := &Transit{cfg: cfg, client: cfg.Client}
	var info struct {
		Data struct {
			LatestVersion int `json:"latest_version"`
		} `json:"data"`
	}
	if err := t.call(ctx, http.MethodGet, "keys/"+cfg.Key, nil, &info); err != nil {
		return nil, err
	}
	t.active = cfg.Version
	if t.active == 0 {
		t.active = info.Data.LatestVersion
	}
	if t.active <= 0 || t.active > info.Data.LatestVersion {
		return nil, fmt.Errorf("transit key %s has no version %d (latest %d)", cfg.Key, t.active, info.Data.LatestVersion)
	}
	return t, nil
}

// ActiveVersion implements KeyEncryptionKeys.
func (t *Transit) ActiveVersion() int { return t.active }

// Versions implements KeyEncryptionKeys: every version up to the active
// one (the KMS keeps them until an operator trims them).
func (t *Transit) Versions() []int {
	out := make([]int, t.active)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// Wrap implements KeyEncryptionKeys.
func (t *Transit) Wrap(ctx context.Context, version int, dataKey, aad []byte) ([]byte, error) {
	var out struct {
		Data struct {
			Ciphertext string `json:"ciphertext"`
		} `json:"data"`
	}
	err := t.call(ctx, http.MethodPost, "encrypt/"+t.cfg.Key, map[string]any{"plaintext": b64(dataKey),
		"associated_data": b64(aad), "key_version": version}, &out)
	if err != nil {
		return nil, err
	}
	if v, ok := ciphertextVersion(out.Data.Ciphertext); !ok || v != version {
		return nil, fmt.Errorf("transit encrypt: answer is not under version %d", version)
	}
	return []byte(out.Data.Ciphertext), nil
}

// Unwrap implements KeyEncryptionKeys. The ciphertext names its version;
// one other than the row's means the row was tampered with.
func (t *Transit) Unwrap(ctx context.Context, version int, wrapped, aad []byte) ([]byte, error) {
	if v, ok := ciphertextVersion(string(wrapped)); !ok || v != version {
		return nil, fmt.Errorf("%w: wrapped key is not under version %d", ErrUnknownVersion, version)
	}
	var out struct {
		Data struct {
			Plaintext string `json:"plaintext"`
		} `json:"data"`
	}
	err := t.call(ctx, http.MethodPost, "decrypt/"+t.cfg.Key, map[string]any{"ciphertext": string(wrapped),
		"associated_data": b64(aad)}, &out)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(out.Data.Plaintext)
}

// ciphertextVersion reads "vault:v3:…".
func ciphertextVersion(c string) (int, bool) {
	rest, ok := strings.CutPrefix(c, "vault:v")
	if !ok {
		return 0, false
	}
	num, _, ok := strings.Cut(rest, ":")
	v, err := strconv.Atoi(num)
	return v, ok && err == nil
}

// call sends one request to the engine and decodes the answer into out.
// Errors name the operation and the server's status and messages, never
// key material.
func (t *Transit) call(ctx context.Context, method, path string, body, out any) error {
	token, err := t.cfg.Token()
	if err != nil {
		return fmt.Errorf("transit token: %w", err)
	}
	var payload bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&payload).Encode(body); err != nil {
			return err
		}
	}
	url := strings.TrimRight(t.cfg.Addr, "/") + "/v1/" + strings.Trim(t.cfg.Mount, "/") + "/" + path
	req, err := http.NewRequestWithContext(ctx, method, url, &payload)
	if err != nil {
		return err
	}
	req.Header.Set("X-Vault-Token", token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := t.client.Do(req)
	if err != nil {
		return fmt.Errorf("transit %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var e struct {
			Errors []string `json:"errors"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return fmt.Errorf("transit %s: %s %s", path, resp.Status, strings.Join(e.Errors, "; "))
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// TokenFile reads a token from path on every call.
func TokenFile(path string) func() (string, error) {
	return func() (string, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		if tok := strings.TrimSpace(string(b)); tok != "" {
			return tok, nil
		}
		return "", fmt.Errorf("%s is empty", path)
	}
}
