package keyring

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// File is the JSON form of a key file (PRIVACY_KEK_FILE):
//
//	{"active_version": 2, "keys": [{"version": 1, "key": "base64"}, {"version": 2, "key": "base64"}]}
type File struct {
	ActiveVersion int       `json:"active_version"`
	Keys          []FileKey `json:"keys"`
}

// FileKey is one versioned key of a key file.
type FileKey struct {
	Version int    `json:"version"`
	Key     string `json:"key"`
}

// LoadFile reads a key file.
func LoadFile(path string) (*Local, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read key file: %w", err)
	}
	var f File
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("parse key file %s: %w", path, err)
	}
	keys := map[int][]byte{}
	for _, k := range f.Keys {
		b, err := DecodeKey(k.Key)
		if err != nil {
			return nil, fmt.Errorf("key file %s, version %d: %w", path, k.Version, err)
		}
		keys[k.Version] = b
	}
	return NewLocal(keys, f.ActiveVersion)
}

// ParseList reads the environment form "1:base64,2:base64" with the active
// version given separately.
func ParseList(list string, active int) (*Local, error) {
	keys, err := ParseVersions(list)
	if err != nil {
		return nil, err
	}
	if active == 0 {
		active = Highest(keys)
	}
	return NewLocal(keys, active)
}

// ParseVersions reads "1:base64,2:base64" into version → 32-byte key.
func ParseVersions(list string) (map[int][]byte, error) {
	keys := map[int][]byte{}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		ver, b64, ok := strings.Cut(item, ":")
		if !ok {
			return nil, errors.New(`each key is "version:base64"`)
		}
		v, err := strconv.Atoi(strings.TrimSpace(ver))
		if err != nil {
			return nil, fmt.Errorf("key version %q is not a number", ver)
		}
		b, err := DecodeKey(b64)
		if err != nil {
			return nil, fmt.Errorf("key version %d: %w", v, err)
		}
		keys[v] = b
	}
	if len(keys) == 0 {
		return nil, errors.New("no keys")
	}
	return keys, nil
}

// Highest is the highest version of keys.
func Highest(keys map[int][]byte) int {
	h := 0
	for v := range keys {
		h = max(h, v)
	}
	return h
}

// DecodeKey decodes a base64 (standard or URL alphabet) 32-byte key.
func DecodeKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return nil, errors.New("not valid base64")
	}
	if len(b) != KeySize {
		return nil, fmt.Errorf("must decode to %d bytes, got %d", KeySize, len(b))
	}
	return b, nil
}

// EncodeKey is the inverse of DecodeKey.
func EncodeKey(k []byte) string { return base64.StdEncoding.EncodeToString(k) }

// WriteDevAnchorKey writes a random anchor signing key (an Ed25519 seed)
// into dir unless one is there, and returns its path.
func WriteDevAnchorKey(dir string) (string, error) {
	path := filepath.Join(dir, "privacy-anchor.key")
	return path, writeIfAbsent(path, []byte(EncodeKey(RandomKey())+"\n"))
}

// WriteDevFiles writes a development key file (one random KEK, version 1)
// and an index key file into dir, keeping existing files so a restarted
// local run can still read what it stored. It returns both paths.
func WriteDevFiles(dir string) (kekPath, indexPath string, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", err
	}
	kekPath = filepath.Join(dir, "privacy-kek.json")
	indexPath = filepath.Join(dir, "privacy-index.key")
	f := File{ActiveVersion: 1, Keys: []FileKey{{Version: 1, Key: EncodeKey(RandomKey())}}}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return "", "", err
	}
	if err := writeIfAbsent(kekPath, data); err != nil {
		return "", "", err
	}
	if err := writeIfAbsent(indexPath, []byte(EncodeKey(RandomKey())+"\n")); err != nil {
		return "", "", err
	}
	return kekPath, indexPath, nil
}

func writeIfAbsent(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
