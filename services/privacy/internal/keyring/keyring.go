// Package keyring holds the key-encryption keys (KEKs) that wrap the
// per-subject data keys of the vault (A10.4). KEKs are versioned: the
// active version wraps new data keys, older versions stay available to
// unwrap until the rewrap job has moved every data key off them. The
// KeyEncryptionKeys interface is the seam for an external KMS: a KMS client
// that wraps and unwraps by version can replace Local without touching the
// vault.
package keyring

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
)

// KeySize is the size of every key in bytes (AES-256).
const KeySize = 32

// ErrUnknownVersion means a data key is wrapped by a KEK version this
// process was not configured with.
var ErrUnknownVersion = errors.New("unknown key-encryption key version")

// KeyEncryptionKeys wraps and unwraps data keys. aad binds a wrapped key to
// its owner so a wrapped key copied to another subject does not unwrap.
type KeyEncryptionKeys interface {
	// ActiveVersion is the version new data keys are wrapped with.
	ActiveVersion() int
	// Versions lists every version available for unwrapping.
	Versions() []int
	Wrap(ctx context.Context, version int, dataKey, aad []byte) ([]byte, error)
	Unwrap(ctx context.Context, version int, wrapped, aad []byte) ([]byte, error)
}

// Local keeps KEKs in process memory, loaded from a file or the
// environment. It implements KeyEncryptionKeys with AES-256-GCM.
type Local struct {
	active int
	aeads  map[int]cipher.AEAD
}

// NewLocal builds a key ring from raw 32-byte keys by version.
func NewLocal(keys map[int][]byte, active int) (*Local, error) {
	if _, ok := keys[active]; !ok {
		return nil, fmt.Errorf("active key version %d is not among the configured keys", active)
	}
	l := &Local{active: active, aeads: make(map[int]cipher.AEAD, len(keys))}
	for v, k := range keys {
		if v <= 0 {
			return nil, fmt.Errorf("key version %d: versions are positive integers", v)
		}
		a, err := newAEAD(k)
		if err != nil {
			return nil, fmt.Errorf("key version %d: %w", v, err)
		}
		l.aeads[v] = a
	}
	return l, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// ActiveVersion implements KeyEncryptionKeys.
func (l *Local) ActiveVersion() int { return l.active }

// Versions implements KeyEncryptionKeys.
func (l *Local) Versions() []int {
	out := make([]int, 0, len(l.aeads))
	for v := range l.aeads {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// Wrap implements KeyEncryptionKeys: nonce || AES-GCM(dataKey, aad).
func (l *Local) Wrap(_ context.Context, version int, dataKey, aad []byte) ([]byte, error) {
	a, ok := l.aeads[version]
	if !ok {
		return nil, fmt.Errorf("%w: %d", ErrUnknownVersion, version)
	}
	nonce := make([]byte, a.NonceSize(), a.NonceSize()+len(dataKey)+a.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return a.Seal(nonce, nonce, dataKey, aad), nil
}

// Unwrap implements KeyEncryptionKeys.
func (l *Local) Unwrap(_ context.Context, version int, wrapped, aad []byte) ([]byte, error) {
	a, ok := l.aeads[version]
	if !ok {
		return nil, fmt.Errorf("%w: %d", ErrUnknownVersion, version)
	}
	if len(wrapped) < a.NonceSize()+a.Overhead() {
		return nil, errors.New("wrapped key too short")
	}
	n := a.NonceSize()
	return a.Open(nil, wrapped[:n], wrapped[n:], aad)
}

// RandomKey returns a fresh 32-byte key.
func RandomKey() []byte {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return k
}
