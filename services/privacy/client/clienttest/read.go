package clienttest

import (
	"slices"
	"time"

	"context"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/client"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Masked implements client.Client.Masked.
func (f *Fake) Masked(_ context.Context, subject string, fields ...string) (map[string]client.Masked, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail["Masked"]; err != nil {
		return nil, err
	}
	out := map[string]client.Masked{}
	for name, r := range f.held[subject] {
		if r.document == "" && (len(fields) == 0 || slices.Contains(fields, name)) {
			out[name] = client.Masked{Value: domain.Mask(name, r.value), Token: r.token}
		}
	}
	if len(out) == 0 {
		return nil, errs.NotFound("NO_PERSONAL_DATA")
	}
	return out, nil
}

// MaskedName implements client.Client.MaskedName.
func (f *Fake) MaskedName(ctx context.Context, subject string) (string, error) {
	m, err := f.Masked(ctx, subject, domain.FieldName)
	if err != nil {
		return "", err
	}
	return m[domain.FieldName].Value, nil
}

// Reveal implements client.Client.Reveal: every known token is revealed
// (no reveal rule is applied); an unknown one is NotFound.
func (f *Fake) Reveal(_ context.Context, _, _ string, tokens ...string) ([]client.Revealed, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail["Reveal"]; err != nil {
		return nil, err
	}
	out := make([]client.Revealed, 0, len(tokens))
	for _, t := range tokens {
		r, ok := f.tokens[t]
		if !ok {
			return nil, errs.NotFound("TOKENS_UNKNOWN", "tokens", t)
		}
		out = append(out, client.Revealed{Token: t, Field: r.field, Value: r.value, Subject: r.subject, Document: r.document})
	}
	return out, nil
}

// FindSubject implements client.Client.FindSubject over the normalized
// values.
func (f *Fake) FindSubject(_ context.Context, field, value, _, _ string) ([]client.Match, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail["FindSubject"]; err != nil {
		return nil, err
	}
	n, err := domain.Normalize(field, value, time.Now())
	if err != nil {
		var v errs.Violations
		v.AddError("value", err)
		return nil, v.Err()
	}
	var out []client.Match
	for _, r := range f.tokens {
		if r.field == field && r.value == n {
			out = append(out, client.Match{Subject: r.subject, Token: r.token})
		}
	}
	return out, nil
}
