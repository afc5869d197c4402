package app

import (
	"context"
	"fmt"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
	"github.com/seoul-gov/homepage/services/privacy/internal/envelope"
)

// TextValue is the original of one free text.
type TextValue struct{ Document, Text string }

// TextInput is StorePersonalText's request.
type TextInput struct {
	SubjectID     string
	Texts         []TextValue
	Purpose       string
	CaseReference string
}

// StoredText is one stored text's token.
type StoredText struct{ Document, Token string }

// maxTexts bounds one request (a complaint stores at most a few).
const maxTexts = 20

// StorePersonalText encrypts the originals of free texts under the
// subject's data key (A10.4), so the service that took them keeps only the
// masked versions and the tokens. Only the author stores their texts, or a
// machine client acting on their behalf as its registration allows
// (domain.CanStoreOnBehalf).
func (a *App) StorePersonalText(ctx context.Context, in TextInput) ([]StoredText, error) {
	actor := caller(ctx)
	if err := validateTexts(in); err != nil {
		return nil, err
	}
	if err := a.admit(actor); err != nil {
		return nil, err
	}
	field := []string{domain.FieldFreeText}
	d := domain.CanStoreText(actor, in.SubjectID)
	if actor.OnBehalfOf != "" {
		d = domain.CanStoreOnBehalf(actor, in.SubjectID, in.Purpose, field)
	}
	if !d.Allowed {
		return nil, a.deny(ctx, actor, "store_text", in.Purpose, in.CaseReference, d.Reason)
	}
	entry := domain.NewAccessEntry(actor, a.now(), domain.Access{SubjectID: in.SubjectID, Fields: field, Purpose: in.Purpose,
		CaseReference: in.CaseReference, Outcome: domain.OutcomeStored, Reason: onBehalf(actor, d)})
	tokens, err := a.Vault.StoreTexts(ctx, in.SubjectID, a.textSealer(ctx, in), entry)
	if err != nil {
		return nil, err
	}
	out := make([]StoredText, len(in.Texts))
	for i, t := range in.Texts {
		out[i] = StoredText{Document: t.Document, Token: tokens[t.Document]}
	}
	return out, nil
}

func validateTexts(in TextInput) error {
	var v errs.Violations
	v.Check(!domain.ValidSubjectID(in.SubjectID), "subject_id", "SUBJECT_ID")
	v.Check(!domain.ValidPurpose(in.Purpose), "purpose", "PURPOSE_NAME", "example", "complaint")
	v.Check(len(in.CaseReference) > 128, "case_reference", "TOO_LONG", "max", 128)
	v.Check(len(in.Texts) == 0, "texts", "REQUIRED")
	v.Check(len(in.Texts) > maxTexts, "texts", "TOO_MANY", "max", maxTexts)
	seen := map[string]bool{}
	for i, t := range in.Texts {
		switch {
		case !domain.ValidDocument(t.Document):
			v.Add(fmt.Sprintf("texts[%d].document", i), "DOCUMENT_NAME", "example", "petition/complaint/<id>/body")
		case seen[t.Document]:
			v.Add(fmt.Sprintf("texts[%d].document", i), "DUPLICATE")
		}
		seen[t.Document] = true
		if err := domain.CheckText(t.Text); err != nil {
			v.AddError(fmt.Sprintf("texts[%d].text", i), err)
		}
	}
	return v.Err()
}

// textSealer encrypts the texts under the subject's data key (a new key
// for a new subject), each bound to its subject and document.
func (a *App) textSealer(ctx context.Context, in TextInput) FieldSealer {
	return func(existing *WrappedKey) (*WrappedKey, []SealedField, error) {
		key, dek, err := a.subjectKey(ctx, in.SubjectID, existing)
		if err != nil {
			return nil, nil, err
		}
		rows := make([]SealedField, len(in.Texts))
		for i, t := range in.Texts {
			ct, err := envelope.Seal(dek, []byte(t.Text), envelope.TextAAD(in.SubjectID, t.Document))
			if err != nil {
				return nil, nil, err
			}
			rows[i] = SealedField{Token: newToken(), SubjectID: in.SubjectID, Field: domain.FieldFreeText,
				Ciphertext: ct, Purpose: in.Purpose, Document: t.Document, CaseReference: in.CaseReference}
		}
		return key, rows, nil
	}
}
