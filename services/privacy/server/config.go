package server

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/config"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

// Config is the privacy service's own configuration. Keys come either from
// a key file (PRIVACY_KEK_FILE) or from the environment (PRIVACY_KEKS with
// PRIVACY_KEK_ACTIVE); the index key from PRIVACY_INDEX_KEY or
// PRIVACY_INDEX_KEY_FILE. Key values are never logged.
type Config struct {
	// KEKFile is a JSON key file: {"active_version":2,"keys":[{"version":1,"key":"base64"},...]}.
	KEKFile string `env:"PRIVACY_KEK_FILE"`
	// KEKs is "1:base64,2:base64" (32-byte keys).
	KEKs string `env:"PRIVACY_KEKS"`
	// KEKActive is the version new data keys are wrapped with; default the highest.
	KEKActive int `env:"PRIVACY_KEK_ACTIVE"`
	// IndexKey (base64, 32 bytes) keys the blind index and the access-log chain.
	IndexKey     string `env:"PRIVACY_INDEX_KEY"`
	IndexKeyFile string `env:"PRIVACY_INDEX_KEY_FILE"`
	// IndexKeys is the blind-index key's versions, "1:base64,2:base64"
	// (instead of PRIVACY_INDEX_KEY, which is version 1), and
	// IndexKeyActive the one new indexes are made under (default the
	// highest). ReindexInterval is how often the re-index job moves rows
	// to the active version.
	IndexKeys       string        `env:"PRIVACY_INDEX_KEYS"`
	IndexKeyActive  int           `env:"PRIVACY_INDEX_KEY_ACTIVE"`
	ReindexInterval time.Duration `env:"PRIVACY_REINDEX_INTERVAL" envDefault:"1m"`
	// ChainKey keys the access log's chain; by default the index key of
	// version 1 does. Before retiring that version, move its value here.
	ChainKey     string `env:"PRIVACY_CHAIN_KEY"`
	ChainKeyFile string `env:"PRIVACY_CHAIN_KEY_FILE"`
	// AnchorKey (base64, a 32-byte Ed25519 seed) signs the access log's
	// anchors; it must not be derivable from anything in the database or
	// the other keys. AnchorInterval is how often the head is anchored.
	AnchorKey      string        `env:"PRIVACY_ANCHOR_KEY"`
	AnchorKeyFile  string        `env:"PRIVACY_ANCHOR_KEY_FILE"`
	AnchorInterval time.Duration `env:"PRIVACY_ANCHOR_INTERVAL" envDefault:"1h"`
	// RewrapInterval is how often the rewrap job looks for data keys under
	// an old KEK version.
	RewrapInterval time.Duration `env:"PRIVACY_REWRAP_INTERVAL" envDefault:"1m"`
	// RewrapBatch is how many data keys one pass moves per transaction.
	RewrapBatch int `env:"PRIVACY_REWRAP_BATCH" envDefault:"500"`
	// PrivacyAddr is where other services reach this one (informational).
	PrivacyAddr string `env:"PRIVACY_ADDR" envDefault:"127.0.0.1:9106"`
	// DispatchDepartment is the Mayor's office, which triages and may
	// answer complaints before any assignment (petition's
	// PETITION_MAYOR_OFFICE_DEPARTMENT).
	DispatchDepartment string `env:"PRIVACY_DISPATCH_DEPARTMENT" envDefault:"SMG-CIVIL"`
	// RefusalsPerMinute and LookupsPerMinute bound, per caller and
	// replica, the refused calls before the caller is turned away and the
	// subject searches (FindSubject).
	RefusalsPerMinute int `env:"PRIVACY_REFUSALS_PER_MINUTE" envDefault:"30"`
	LookupsPerMinute  int `env:"PRIVACY_LOOKUPS_PER_MINUTE" envDefault:"60"`
	// ContractorSyncInterval is how often every contractor grant not ended
	// is written into the contractor-grants bucket again (A3.2), refilling
	// it should NATS lose it.
	ContractorSyncInterval time.Duration `env:"PRIVACY_CONTRACTOR_SYNC_INTERVAL" envDefault:"5m"`

	// KMS is where the key-encryption keys live: "file" (PRIVACY_KEK_FILE
	// or PRIVACY_KEKS) or "transit", the Transit engine of HashiCorp Vault
	// or OpenBao (the keys never leave it).
	KMS               string `env:"PRIVACY_KMS" envDefault:"file"`
	TransitAddr       string `env:"PRIVACY_TRANSIT_ADDR"`
	TransitMount      string `env:"PRIVACY_TRANSIT_MOUNT" envDefault:"transit"`
	TransitKey        string `env:"PRIVACY_TRANSIT_KEY" envDefault:"privacy-kek"`
	TransitTokenFile  string `env:"PRIVACY_TRANSIT_TOKEN_FILE"`
	TransitKeyVersion int    `env:"PRIVACY_TRANSIT_KEY_VERSION"`

	// KEKSource, when set, replaces the configured keys (tests, or another
	// KMS client implementing keyring.KeyEncryptionKeys).
	KEKSource keyring.KeyEncryptionKeys `env:"-"`
	// Clock is the service's "now" (clock.System when nil; tests set a
	// fake).
	Clock clock.Clock `env:"-"`
}

// Validate implements config.Validator, naming variables, never values.
func (c *Config) Validate() []string {
	var problems []string
	switch c.KMS {
	case "file":
		if _, err := c.fileKEKs(); err != nil {
			problems = append(problems, err.Error())
		}
	case "transit":
		if c.TransitAddr == "" || c.TransitTokenFile == "" {
			problems = append(problems, "PRIVACY_TRANSIT_ADDR and PRIVACY_TRANSIT_TOKEN_FILE: required with PRIVACY_KMS=transit")
		}
	default:
		problems = append(problems, "PRIVACY_KMS: one of file, transit")
	}
	if _, err := c.indexKeys(); err != nil {
		problems = append(problems, err.Error())
	}
	if c.ReindexInterval <= 0 {
		problems = append(problems, "PRIVACY_REINDEX_INTERVAL: must be positive")
	}
	if _, err := c.anchorKey(); err != nil {
		problems = append(problems, err.Error())
	}
	if c.AnchorInterval <= 0 {
		problems = append(problems, "PRIVACY_ANCHOR_INTERVAL: must be positive")
	}
	if c.RewrapInterval <= 0 {
		problems = append(problems, "PRIVACY_REWRAP_INTERVAL: must be positive")
	}
	if c.RewrapBatch <= 0 {
		problems = append(problems, "PRIVACY_REWRAP_BATCH: must be positive")
	}
	if c.RefusalsPerMinute <= 0 {
		problems = append(problems, "PRIVACY_REFUSALS_PER_MINUTE: must be positive")
	}
	if c.LookupsPerMinute <= 0 {
		problems = append(problems, "PRIVACY_LOOKUPS_PER_MINUTE: must be positive")
	}
	if c.ContractorSyncInterval <= 0 {
		problems = append(problems, "PRIVACY_CONTRACTOR_SYNC_INTERVAL: must be positive")
	}
	return problems
}

// keks builds the key ring from whichever source is configured; the
// Transit engine is asked for its key's versions.
func (c *Config) keks(ctx context.Context) (keyring.KeyEncryptionKeys, error) {
	switch {
	case c.KEKSource != nil:
		return c.KEKSource, nil
	case c.KMS == "transit":
		return keyring.NewTransit(ctx, keyring.TransitConfig{Addr: c.TransitAddr, Mount: c.TransitMount, Key: c.TransitKey,
			Token: keyring.TokenFile(c.TransitTokenFile), Version: c.TransitKeyVersion})
	}
	return c.fileKEKs()
}

// fileKEKs reads the key file or the key list.
func (c *Config) fileKEKs() (keyring.KeyEncryptionKeys, error) {
	switch {
	case c.KEKSource != nil:
		return c.KEKSource, nil
	case c.KEKFile != "" && c.KEKs != "":
		return nil, fmt.Errorf("PRIVACY_KEK_FILE and PRIVACY_KEKS: set only one")
	case c.KEKFile != "":
		k, err := keyring.LoadFile(c.KEKFile)
		if err != nil {
			return nil, fmt.Errorf("PRIVACY_KEK_FILE: %w", err)
		}
		return k, nil
	case c.KEKs != "":
		k, err := keyring.ParseList(c.KEKs, c.KEKActive)
		if err != nil {
			return nil, fmt.Errorf("PRIVACY_KEKS/PRIVACY_KEK_ACTIVE: %w", err)
		}
		return k, nil
	}
	return nil, fmt.Errorf("PRIVACY_KEK_FILE or PRIVACY_KEKS: key-encryption keys are required")
}

// indexKeys derives the blind-index keys of every configured version and
// the access log's chain key.
func (c *Config) indexKeys() (envelope.Keys, error) {
	keys, err := c.indexVersions()
	if err != nil {
		return envelope.Keys{}, err
	}
	active := c.IndexKeyActive
	if active == 0 {
		active = keyring.Highest(keys)
	}
	if keys[active] == nil {
		return envelope.Keys{}, fmt.Errorf("PRIVACY_INDEX_KEY_ACTIVE: version %d is not among the index keys", active)
	}
	chain := keys[1]
	if c.ChainKey != "" || c.ChainKeyFile != "" {
		if chain, err = secretKey(c.ChainKey, c.ChainKeyFile, "PRIVACY_CHAIN_KEY", "the access log's chain key"); err != nil {
			return envelope.Keys{}, err
		}
	}
	if chain == nil {
		return envelope.Keys{}, fmt.Errorf("PRIVACY_CHAIN_KEY: required once index key version 1 is retired (its former value)")
	}
	return envelope.NewKeys(keys, active, chain), nil
}

func (c *Config) indexVersions() (map[int][]byte, error) {
	if c.IndexKeys == "" {
		k, err := secretKey(c.IndexKey, c.IndexKeyFile, "PRIVACY_INDEX_KEY", "the blind-index key")
		return map[int][]byte{1: k}, err
	}
	if c.IndexKey != "" || c.IndexKeyFile != "" {
		return nil, fmt.Errorf("PRIVACY_INDEX_KEYS and PRIVACY_INDEX_KEY: set only one")
	}
	keys, err := keyring.ParseVersions(c.IndexKeys)
	if err != nil {
		return nil, fmt.Errorf("PRIVACY_INDEX_KEYS: %w", err)
	}
	return keys, nil
}

func (c *Config) anchorKey() (ed25519.PrivateKey, error) {
	seed, err := secretKey(c.AnchorKey, c.AnchorKeyFile, "PRIVACY_ANCHOR_KEY", "the access log's anchor signing key")
	if err != nil {
		return nil, err
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// secretKey reads a base64 32-byte key from the variable name or, when
// set, the file of name_FILE; errors name the variable, never the value.
func secretKey(value, file, name, what string) ([]byte, error) {
	raw := value
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s_FILE: %w", name, err)
		}
		raw, name = strings.TrimSpace(string(b)), name+"_FILE"
	}
	if raw == "" {
		return nil, fmt.Errorf("%s or %s_FILE: %s is required", name, name, what)
	}
	k, err := keyring.DecodeKey(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return k, nil
}

// TestConfig returns the defaults with a fresh random key-encryption key
// (version 1) and blind-index key, for tests (also other services' tests
// that start a real privacy service). Data stored under it is unreadable
// once the process is gone.
func TestConfig() *Config {
	cfg := &Config{KEKs: "1:" + keyring.EncodeKey(keyring.RandomKey()), KEKActive: 1,
		IndexKey: keyring.EncodeKey(keyring.RandomKey()), AnchorKey: keyring.EncodeKey(keyring.RandomKey())}
	if err := config.Defaults(cfg); err != nil {
		panic(err) // the tags are constants: a bad one is a bug
	}
	return cfg
}

// WriteDevKeys writes development key material into dir (kept if already
// there, so restarts of `make run` still read what they stored) and
// returns the environment variables the launcher must set.
func WriteDevKeys(dir string) (map[string]string, error) {
	kek, index, err := keyring.WriteDevFiles(dir)
	if err != nil {
		return nil, fmt.Errorf("write privacy dev keys: %w", err)
	}
	anchor, err := keyring.WriteDevAnchorKey(dir)
	if err != nil {
		return nil, fmt.Errorf("write privacy dev keys: %w", err)
	}
	return map[string]string{"PRIVACY_KEK_FILE": kek, "PRIVACY_INDEX_KEY_FILE": index, "PRIVACY_ANCHOR_KEY_FILE": anchor}, nil
}
