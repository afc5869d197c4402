package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
)

// FieldValue is one personal value to store.
type FieldValue struct{ Name, Value string }

// StoreInput is StorePersonalData's request.
type StoreInput struct {
	SubjectID     string
	Fields        []FieldValue
	Purpose       string
	CaseReference string
}

// StoredToken is one stored field's token and masked view.
type StoredToken struct{ Field, Token, Masked string }

// StorePersonalData validates, encrypts and stores fields of a subject
// (A10.4) and returns their tokens and masked views. Anyone but the subject
// changes a citizen's data only within a case (domain.CanStore), and the
// store is logged with that case for the citizen to see.
func (a *App) StorePersonalData(ctx context.Context, in StoreInput) ([]StoredToken, error) {
	actor := caller(ctx)
	normalized, err := validateStore(in, a.now())
	if err != nil {
		return nil, err
	}
	if err := a.admit(actor); err != nil {
		return nil, err
	}
	grants, err := a.storeGrants(ctx, actor, in)
	if err != nil {
		return nil, err
	}
	names := fieldNames(in.Fields)
	d := domain.CanStore(actor, in.SubjectID, in.CaseReference, grants)
	if actor.OnBehalfOf != "" {
		d = domain.CanStoreOnBehalf(actor, in.SubjectID, in.Purpose, names)
	}
	if !d.Allowed {
		return nil, a.deny(ctx, actor, "store", in.Purpose, in.CaseReference, d.Reason)
	}
	entry := domain.NewAccessEntry(actor, a.now(), domain.Access{SubjectID: in.SubjectID, Fields: names, Purpose: in.Purpose,
		CaseReference: in.CaseReference, Outcome: domain.OutcomeStored, Reason: onBehalf(actor, d)})
	tokens, err := a.Vault.StoreFields(ctx, in.SubjectID, a.sealer(ctx, in, normalized), entry)
	if err != nil {
		return nil, err
	}
	out := make([]StoredToken, len(in.Fields))
	for i, f := range in.Fields {
		out[i] = StoredToken{Field: f.Name, Token: tokens[f.Name], Masked: domain.Mask(f.Name, normalized[i])}
	}
	return out, nil
}

// validateStore checks every field and returns the normalized values in
// request order; all problems are reported at once.
func validateStore(in StoreInput, now time.Time) ([]string, error) {
	var v errs.Violations
	v.Check(!domain.ValidSubjectID(in.SubjectID), "subject_id", "SUBJECT_ID")
	v.Check(!domain.ValidPurpose(in.Purpose), "purpose", "PURPOSE_NAME", "example", "complaint")
	v.Check(len(in.Fields) == 0, "fields", "REQUIRED")
	v.Check(len(in.CaseReference) > 128, "case_reference", "TOO_LONG", "max", 128)
	seen := map[string]bool{}
	out := make([]string, len(in.Fields))
	for i, f := range in.Fields {
		switch {
		case !domain.KnownField(f.Name):
			v.Add(fmt.Sprintf("fields[%d].name", i), "UNKNOWN_PERSONAL_FIELD", "known", strings.Join(domain.AllFields(), ", "))
		case seen[f.Name]:
			v.Add(fmt.Sprintf("fields[%d].name", i), "DUPLICATE")
		default:
			n, err := domain.Normalize(f.Name, f.Value, now)
			if err != nil {
				v.AddError(fmt.Sprintf("fields[%d].value", i), err)
			}
			out[i] = n
		}
		seen[f.Name] = true
	}
	return out, v.Err()
}

// sealer encrypts the normalized values under the subject's data key,
// creating (and wrapping with the active KEK version) a key for a new
// subject.
func (a *App) sealer(ctx context.Context, in StoreInput, normalized []string) FieldSealer {
	return func(existing *WrappedKey) (*WrappedKey, []SealedField, error) {
		key, dek, err := a.subjectKey(ctx, in.SubjectID, existing)
		if err != nil {
			return nil, nil, err
		}
		rows := make([]SealedField, len(in.Fields))
		for i, f := range in.Fields {
			ct, err := envelope.Seal(dek, []byte(normalized[i]), envelope.FieldAAD(in.SubjectID, f.Name))
			if err != nil {
				return nil, nil, err
			}
			rows[i] = SealedField{Token: newToken(), SubjectID: in.SubjectID, Field: f.Name, Ciphertext: ct, Purpose: in.Purpose}
			if domain.Indexed(f.Name) {
				rows[i].BlindIndex, rows[i].IndexVersion = a.keys.BlindIndex(f.Name, normalized[i]), a.keys.IndexVersion()
			}
		}
		return key, rows, nil
	}
}

func fieldNames(fs []FieldValue) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}
