package app

import (
	"context"
	"log/slog"

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
	Grants      Grants
}

// App is the privacy service's use cases.
type App struct {
	Ports
	keks   keyring.KeyEncryptionKeys
	keys   envelope.Keys
	logger *slog.Logger
	guard  guard
}

// New builds the use cases over ports and the configured keys.
func New(p Ports, keks keyring.KeyEncryptionKeys, keys envelope.Keys, limits Limits, logger *slog.Logger) *App {
	return &App{Ports: p, keks: keks, keys: keys, logger: logger, guard: newGuard(limits)}
}

// dataKey unwraps a subject's data key.
func (a *App) dataKey(ctx context.Context, subjectID string, k *WrappedKey) ([]byte, error) {
	if k == nil {
		return nil, errs.NotFound("SUBJECT_ERASED")
	}
	dek, err := a.keks.Unwrap(ctx, k.KEKVersion, k.Wrapped, envelope.DataKeyAAD(subjectID, k.KEKVersion))
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
