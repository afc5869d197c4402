// Package transittest is a small in-process stand-in for the Transit
// secrets engine of Vault / OpenBao (the endpoints keyring.Transit uses:
// keys/<name>, encrypt/<name>, decrypt/<name>, keys/<name>/rotate), for
// tests on a machine where the real server cannot be built. It follows the
// engine's documented wire format: "vault:v<N>:" ciphertexts, base64
// plaintext and associated data, the X-Vault-Token header, {"errors":[…]}
// on failure.
package transittest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Server is one Transit engine mounted at /v1/transit with one key.
type Server struct {
	*httptest.Server
	Key, Token string

	mu       sync.Mutex
	versions []cipher.AEAD
	calls    map[string]int
}

// Start serves a Transit engine whose key has one version.
func Start(t testing.TB) *Server {
	s := &Server{Key: "privacy-kek", Token: "test-token", calls: map[string]int{}}
	s.Rotate()
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	return s
}

// Rotate adds a key version, as `bao write -f transit/keys/<name>/rotate`.
func (s *Server) Rotate() {
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	block, _ := aes.NewCipher(k)
	g, _ := cipher.NewGCM(block)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versions = append(s.versions, g)
}

// Calls is how often an operation (keys, encrypt, decrypt) was called.
func (s *Server) Calls(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Vault-Token") != s.Token {
		fail(w, http.StatusForbidden, "permission denied")
		return
	}
	op, name, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/v1/transit/"), "/")
	if name != s.Key {
		fail(w, http.StatusNotFound, "no such key")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[op]++
	var body map[string]any
	_ = json.NewDecoder(r.Body).Decode(&body)
	switch op {
	case "keys":
		reply(w, map[string]any{"latest_version": len(s.versions), "min_decryption_version": 1})
	case "encrypt":
		s.encrypt(w, body)
	case "decrypt":
		s.decrypt(w, body)
	default:
		fail(w, http.StatusNotFound, "unsupported path")
	}
}

func (s *Server) encrypt(w http.ResponseWriter, body map[string]any) {
	v := len(s.versions)
	if kv, ok := body["key_version"].(float64); ok && kv > 0 {
		v = int(kv)
	}
	if v > len(s.versions) {
		fail(w, http.StatusBadRequest, "requested version is greater than the latest")
		return
	}
	pt, err1 := base64.StdEncoding.DecodeString(str(body["plaintext"]))
	aad, err2 := base64.StdEncoding.DecodeString(str(body["associated_data"]))
	if err1 != nil || err2 != nil {
		fail(w, http.StatusBadRequest, "invalid base64")
		return
	}
	g := s.versions[v-1]
	nonce := make([]byte, g.NonceSize())
	_, _ = rand.Read(nonce)
	ct := g.Seal(nonce, nonce, pt, aad)
	reply(w, map[string]any{"ciphertext": fmt.Sprintf("vault:v%d:%s", v, base64.StdEncoding.EncodeToString(ct)), "key_version": v})
}

func (s *Server) decrypt(w http.ResponseWriter, body map[string]any) {
	parts := strings.SplitN(str(body["ciphertext"]), ":", 3)
	v, err := strconv.Atoi(strings.TrimPrefix(parts[min(1, len(parts)-1)], "v"))
	if len(parts) != 3 || err != nil || v < 1 || v > len(s.versions) {
		fail(w, http.StatusBadRequest, "invalid ciphertext")
		return
	}
	ct, err1 := base64.StdEncoding.DecodeString(parts[2])
	aad, err2 := base64.StdEncoding.DecodeString(str(body["associated_data"]))
	g := s.versions[v-1]
	if err1 != nil || err2 != nil || len(ct) < g.NonceSize() {
		fail(w, http.StatusBadRequest, "invalid ciphertext")
		return
	}
	pt, err := g.Open(nil, ct[:g.NonceSize()], ct[g.NonceSize():], aad)
	if err != nil {
		fail(w, http.StatusBadRequest, "cipher: message authentication failed")
		return
	}
	reply(w, map[string]any{"plaintext": base64.StdEncoding.EncodeToString(pt)})
}

func str(v any) string { s, _ := v.(string); return s }

func reply(w http.ResponseWriter, data map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
}

func fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []string{msg}})
}
