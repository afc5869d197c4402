package app

import (
	"context"
	"log/slog"

	"github.com/seoul-gov/homepage/platform/clock"
	"github.com/seoul-gov/homepage/platform/errs"
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
	Log         *slog.Logger
}

// App is the privacy service's use cases.
type App struct {
	Ports
	keys        envelope.Keys
	rewrapBatch int
	logger      *slog.Logger
	guard       guard
	now         clock.Clock
}

// New builds the use cases over ports and settings; now is the service's
// clock.
func New(p Ports, s Settings, now clock.Clock) *App {
	return &App{Ports: p, keys: s.Keys, rewrapBatch: s.RewrapBatch, logger: s.Log, guard: newGuard(s.Limits), now: now}
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
