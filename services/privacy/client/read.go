package client

import (
	"context"

	privacyv1 "github.com/seoul-gov/homepage/gen/seoul/privacy/v1"
	"github.com/seoul-gov/homepage/platform/errs"
)

// Masked is a field's masked view and its token.
type Masked struct{ Value, Token string }

// Masked returns the masked views of the subject's fields (all when none
// are named); a field the vault does not hold is absent. NotFound when
// the vault holds none of them (or erased the subject).
func (c *Client) Masked(ctx context.Context, subject string, fields ...string) (map[string]Masked, error) {
	resp, err := c.api.GetMaskedData(ctx, &privacyv1.GetMaskedDataRequest{SubjectId: subject, Fields: fields})
	if err != nil {
		return nil, classify(err, nil, nil)
	}
	out := make(map[string]Masked, len(resp.GetMasked()))
	for f, v := range resp.GetMasked() {
		out[f] = Masked{Value: v, Token: resp.GetTokens()[f]}
	}
	return out, nil
}

// MaskedName returns the subject's masked real name (홍*동); NotFound when
// the vault holds no name for the subject (or erased them).
func (c *Client) MaskedName(ctx context.Context, subject string) (string, error) {
	m, err := c.Masked(ctx, subject, "name")
	if err != nil {
		return "", err
	}
	if m["name"].Value == "" {
		return "", errs.NotFound("NO_PERSONAL_DATA")
	}
	return m["name"].Value, nil
}

// Revealed is one token's plaintext. Document names a free text (Field is
// free_text).
type Revealed struct{ Token, Field, Value, Subject, Document string }

// Reveal returns the plaintext of tokens for purpose (within caseRef,
// where the rule for the caller asks for a case). The vault logs the
// reveal; one refused token refuses them all.
func (c *Client) Reveal(ctx context.Context, purpose, caseRef string, tokens ...string) ([]Revealed, error) {
	resp, err := c.api.RevealPersonalData(ctx, &privacyv1.RevealPersonalDataRequest{
		Tokens: tokens, Purpose: purpose, CaseReference: caseRef})
	if err != nil {
		return nil, classify(err, nil, nil)
	}
	got := map[string]bool{}
	out := make([]Revealed, 0, len(resp.GetValues()))
	for _, v := range resp.GetValues() {
		out = append(out, Revealed{Token: v.GetToken(), Field: v.GetField(), Value: v.GetValue(),
			Subject: v.GetSubjectId(), Document: v.GetDocument()})
		got[v.GetToken()] = true
	}
	for _, t := range tokens {
		if !got[t] {
			return nil, missing("the value of a token")
		}
	}
	return out, nil
}

// Match is a subject whose field matched a lookup, with the token of
// that field.
type Match struct{ Subject, Token string }

// FindSubject finds the subjects whose field holds value (blind index,
// nothing decrypted) for purpose within caseRef; linking a value to a
// person is a disclosure, so the vault applies the reveal rules and logs
// the lookup.
func (c *Client) FindSubject(ctx context.Context, field, value, purpose, caseRef string) ([]Match, error) {
	resp, err := c.api.FindSubject(ctx, &privacyv1.FindSubjectRequest{
		Field: field, Value: value, Purpose: purpose, CaseReference: caseRef})
	if err != nil {
		return nil, classify(err, nil, nil)
	}
	out := make([]Match, 0, len(resp.GetMatches()))
	for _, m := range resp.GetMatches() {
		out = append(out, Match{Subject: m.GetSubjectId(), Token: m.GetToken()})
	}
	return out, nil
}
