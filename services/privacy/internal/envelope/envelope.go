// Package envelope is the vault's encryption at rest (A10.4): AES-256-GCM
// under a per-subject data key, associated data binding every ciphertext
// to its subject and field (so a ciphertext moved to another row does not
// decrypt), and a keyed HMAC blind index that finds an exact value without
// decrypting anything.
package envelope

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// ErrTampered means a ciphertext, its nonce or its associated data was
// changed: authentication failed and nothing was decrypted.
var ErrTampered = errors.New("ciphertext failed authentication")

// FieldAAD is the associated data of a field value: changing the subject
// or the field name makes decryption fail.
func FieldAAD(subjectID, field string) []byte {
	return fmt.Appendf(nil, "seoul.privacy.v1/field\x00%s\x00%s", subjectID, field)
}

// TextAAD is the associated data of a free text's original: changing the
// subject or the document makes decryption fail.
func TextAAD(subjectID, document string) []byte {
	return fmt.Appendf(nil, "seoul.privacy.v1/text\x00%s\x00%s", subjectID, document)
}

// DataKeyAAD is the associated data of a wrapped data key: it binds the
// key to its subject and to the KEK version that wrapped it.
func DataKeyAAD(subjectID string, kekVersion int) []byte {
	return fmt.Appendf(nil, "seoul.privacy.v1/data-key\x00%s\x00%d", subjectID, kekVersion)
}

// Seal encrypts plaintext under dataKey: nonce || ciphertext+tag.
func Seal(dataKey, plaintext, aad []byte) ([]byte, error) {
	a, err := gcm(dataKey)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, a.NonceSize(), a.NonceSize()+len(plaintext)+a.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return a.Seal(nonce, nonce, plaintext, aad), nil
}

// Open decrypts what Seal produced with the same key and aad.
func Open(dataKey, sealed, aad []byte) ([]byte, error) {
	a, err := gcm(dataKey)
	if err != nil {
		return nil, err
	}
	n := a.NonceSize()
	if len(sealed) < n+a.Overhead() {
		return nil, ErrTampered
	}
	pt, err := a.Open(nil, sealed[:n], sealed[n:], aad)
	if err != nil {
		return nil, ErrTampered
	}
	return pt, nil
}

func gcm(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("data key: %w", err)
	}
	return cipher.NewGCM(block)
}

// Keys derived from the configured index keys. The blind-index key has
// versions, rotated like the data keys: new indexes are made under the
// active version, lookups match under every version, and the re-index job
// moves rows to the active one. The access-log chain key is derived apart
// (from the original index key, or PRIVACY_CHAIN_KEY once that is
// retired), so rotating the index never re-keys the log.
type Keys struct {
	blind  map[int][]byte
	active int
	chain  []byte
}

// NewKeys derives the blind-index keys from each version of the index key
// and the chain key from chainSecret.
func NewKeys(index map[int][]byte, active int, chainSecret []byte) Keys {
	k := Keys{blind: make(map[int][]byte, len(index)), active: active,
		chain: mac(chainSecret, []byte("seoul.privacy.v1/access-log-chain"))}
	for v, key := range index {
		k.blind[v] = mac(key, []byte("seoul.privacy.v1/blind-index"))
	}
	return k
}

// DeriveKeys derives the keys from one index key (version 1, active).
func DeriveKeys(indexKey []byte) Keys {
	return NewKeys(map[int][]byte{1: indexKey}, 1, indexKey)
}

// BlindIndex is HMAC-SHA256 over the field and its normalized value under
// the active version: equal values give equal indexes, and without the key
// the index reveals nothing.
func (k Keys) BlindIndex(field, normalized string) []byte {
	return k.index(k.active, field, normalized)
}

// IndexVersion is the active version of the blind-index key.
func (k Keys) IndexVersion() int { return k.active }

// BlindIndexes is the value's index under every version, so a lookup
// finds rows not re-indexed yet.
func (k Keys) BlindIndexes(field, normalized string) map[int][]byte {
	out := make(map[int][]byte, len(k.blind))
	for v := range k.blind {
		out[v] = k.index(v, field, normalized)
	}
	return out
}

func (k Keys) index(version int, field, normalized string) []byte {
	return mac(k.blind[version], fmt.Appendf(nil, "%s\x00%s", field, normalized))
}

// ChainKey is the key of the access log's hash chain. Keying the chain
// means someone who can write the table but not read the configuration
// cannot forge a consistent chain after editing a row.
func (k Keys) ChainKey() []byte { return k.chain }

func mac(key, msg []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	return h.Sum(nil)
}
