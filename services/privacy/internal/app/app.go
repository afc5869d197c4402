// Package app holds the privacy service's use cases, one file each, named
// after its RPC (and the consumers' Apply* use cases). A use case reads the
// caller from the context, decides authorization with the domain's rules,
// encrypts and decrypts with the envelope package, and changes state
// through the repositories of ports.go, which own the transactions; every
// access is written to the access log.
package app

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base32"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
	"github.com/seoul-gov/homepage/services/privacy/internal/keyring"
)

// Ports are everything the use cases need from outside.
type Ports struct {
	Vault       Vault
	Log         AccessLog
	Consents    Consents
	Disclosures Disclosures
	Policies    Policies
	Subjects    Subjects
	Holds       Holds
	Grants      Grants
	Anchors     Anchors
	Contractors Contractors
	// ContractorBucket is where the services read the contractor grants.
	ContractorBucket ContractorBucket
	// KEKs wrap and unwrap the subjects' data keys (the key file, or an
	// external KMS).
	KEKs keyring.KeyEncryptionKeys
}

// Settings are the service's configured values.
type Settings struct {
	// Keys are the keys derived from the index key (blind index, chain).
	Keys   envelope.Keys
	Limits Limits
	// RewrapBatch is how many data keys one rewrap transaction moves.
	RewrapBatch int
	// AnchorKey signs the access log's anchors.
	AnchorKey ed25519.PrivateKey
	Log       *slog.Logger
}

// App is the privacy service's use cases.
type App struct {
	Ports
	keys        envelope.Keys
	rewrapBatch int
	anchorKey   ed25519.PrivateKey
	logger      *slog.Logger
	guard       guard
	now         clock.Clock
}

// New builds the use cases over ports and settings; now is the service's
// clock.
func New(p Ports, s Settings, now clock.Clock) *App {
	return &App{Ports: p, keys: s.Keys, rewrapBatch: s.RewrapBatch, anchorKey: s.AnchorKey, logger: s.Log,
		guard: newGuard(s.Limits), now: now}
}

// With returns the use cases over other ports (the same settings, clock
// and caller allowances): a consumer runs them over its inbox transaction.
func (a *App) With(p Ports) *App {
	c := *a
	c.Ports = p
	return &c
}

// dataKey unwraps a subject's data key.
func (a *App) dataKey(ctx context.Context, subjectID string, k *WrappedKey) ([]byte, error) {
	if k == nil {
		return nil, errs.NotFound("SUBJECT_ERASED")
	}
	dek, err := a.KEKs.Unwrap(ctx, k.KEKVersion, k.Wrapped, envelope.DataKeyAAD(subjectID, k.KEKVersion))
	if err != nil {
		return nil, errs.Wrap(errs.KindInternal, err, "INTERNAL")
	}
	return dek, nil
}

// open decrypts one record with its subject's data key.
func (a *App) open(dek []byte, r SealedRecord) (string, error) {
	aad := envelope.FieldAAD(r.SubjectID, r.Field)
	if r.Document != "" {
		aad = envelope.TextAAD(r.SubjectID, r.Document)
	}
	pt, err := envelope.Open(dek, r.Ciphertext, aad)
	if err != nil {
		return "", errs.Wrap(errs.KindInternal, err, "INTERNAL")
	}
	return string(pt), nil
}

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func validUUID(s string) bool { return uuidRe.MatchString(s) }

// consentFor reports whether the subject's consent a consent-based entry
// relies on is live (false for the other bases). An entry's basis,
// subject and purpose never change, so this may be read before its lock.
func (a *App) consentFor(ctx context.Context, id string) (bool, error) {
	d, err := a.Disclosures.Get(ctx, id)
	if err != nil || d.Basis != domain.BasisConsent {
		return false, err
	}
	return a.Consents.Live(ctx, d.SubjectID, d.Purpose)
}

// eventTime is when a consumed event happened: its own time, or now for a
// producer that left it out.
func (a *App) eventTime(at time.Time) time.Time {
	if at.IsZero() {
		return a.now()
	}
	return at
}

// maskNote is how a privacy officer's own words about a case — a legal
// hold's reason, a disclosure decision's reason — are kept: with personal
// data masked by the suite's shared detector (A10.1, A10.4). Even here,
// personal data is stored only encrypted, in the vault's fields and texts;
// the register names a subject by id. A requester and a legal reference
// are kept as written: they are the register's legal record of who asked
// on what basis, institutions and document numbers, not personal data.
func maskNote(s string) string { return personaldata.Mask(s).Text }

// decryptAll opens every record, unwrapping each subject's key once.
func (a *App) decryptAll(ctx context.Context, recs []SealedRecord) ([]Revealed, error) {
	deks := map[string][]byte{}
	out := make([]Revealed, 0, len(recs))
	for _, r := range recs {
		dek, ok := deks[r.SubjectID]
		if !ok {
			var err error
			if dek, err = a.dataKey(ctx, r.SubjectID, r.Key); err != nil {
				return nil, err
			}
			deks[r.SubjectID] = dek
		}
		pt, err := a.open(dek, r)
		if err != nil {
			return nil, err
		}
		out = append(out, Revealed{Token: r.Token, Field: r.Field, Value: pt, SubjectID: r.SubjectID, Document: r.Document})
	}
	return out, nil
}

// ActiveKeyVersion is the KEK version new data keys are wrapped with.
func (a *App) ActiveKeyVersion() int { return a.KEKs.ActiveVersion() }

func (a *App) subjectKey(ctx context.Context, subjectID string, existing *WrappedKey) (*WrappedKey, []byte, error) {
	if existing != nil {
		dek, err := a.dataKey(ctx, subjectID, existing)
		return existing, dek, err
	}
	dek := keyring.RandomKey()
	v := a.KEKs.ActiveVersion()
	w, err := a.KEKs.Wrap(ctx, v, dek, envelope.DataKeyAAD(subjectID, v))
	if err != nil {
		return nil, nil, err
	}
	return &WrappedKey{Wrapped: w, KEKVersion: v}, dek, nil
}

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newToken returns an opaque random token; it says nothing about the
// subject or the value.
func newToken() string {
	var b [20]byte
	_, _ = rand.Read(b[:])
	return "pd_" + strings.ToLower(tokenEncoding.EncodeToString(b[:]))
}
