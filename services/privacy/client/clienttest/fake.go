// Package clienttest is an in-memory stand-in for the privacy service with
// the method set of client.Client, for the app-level tests of the services
// that call it. Values are validated, normalized and masked by the vault's
// own rules (a bad phone number is refused as the vault refuses it, under
// the caller's path); nothing is encrypted and no reveal rule is applied:
// make the fake fail (Fail) to test a refusal.
package clienttest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/client"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// Fake is the in-memory vault. The zero value is not usable; call New.
type Fake struct {
	mu sync.Mutex
	// held is subject → field name or text document → record.
	held   map[string]map[string]record
	tokens map[string]record
	fail   map[string]error
	next   int
}

type record struct {
	token, subject, field, document, value string
}

// New returns an empty vault.
func New() *Fake {
	return &Fake{held: map[string]map[string]record{}, tokens: map[string]record{}, fail: map[string]error{}}
}

// Fail makes the named methods (all when none is named) return err until
// Fail(nil, ...) clears them; MaskedName also fails with Masked.
func (f *Fake) Fail(err error, methods ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(methods) == 0 {
		methods = []string{"Store", "StoreTexts", "Masked", "Reveal", "FindSubject"}
	}
	for _, m := range methods {
		f.fail[m] = err
	}
}

// Value returns the plaintext stored for subject's field or text
// document, for a test's assertions.
func (f *Fake) Value(subject, fieldOrDocument string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.held[subject][fieldOrDocument]
	return r.value, ok
}

// Len is how many values and texts the vault holds.
func (f *Fake) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.tokens)
}

// Erase forgets the subject, as the vault's erasure does: their tokens
// reveal nothing any more and masked views are NotFound.
func (f *Fake) Erase(subject string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.held[subject] {
		delete(f.tokens, r.token)
	}
	delete(f.held, subject)
}

// keep stores value under subject's key, keeping the key's token.
func (f *Fake) keep(r record) string {
	key := r.field
	if r.document != "" {
		key = r.document
	}
	if f.held[r.subject] == nil {
		f.held[r.subject] = map[string]record{}
	}
	if old, ok := f.held[r.subject][key]; ok {
		r.token = old.token
	} else {
		f.next++
		r.token = fmt.Sprintf("pd_fake%d", f.next)
	}
	f.held[r.subject][key] = r
	f.tokens[r.token] = r
	return r.token
}

// Store implements client.Client.Store.
func (f *Fake) Store(_ context.Context, r client.StoreRequest) (map[string]client.Stored, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail["Store"]; err != nil {
		return nil, err
	}
	var v errs.Violations
	v.Check(len(r.Fields) == 0, "fields", "REQUIRED")
	normalized := make([]string, len(r.Fields))
	for i, fl := range r.Fields {
		n, err := domain.Normalize(fl.Name, fl.Value, time.Now())
		if err != nil {
			v.AddError(r.Paths.Path(fl.Name), err)
		}
		normalized[i] = n
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]client.Stored, len(r.Fields))
	for i, fl := range r.Fields {
		tok := f.keep(record{subject: r.Subject, field: fl.Name, value: normalized[i]})
		out[fl.Name] = client.Stored{Token: tok, Masked: domain.Mask(fl.Name, normalized[i])}
	}
	return out, nil
}

// StoreTexts implements client.Client.StoreTexts.
func (f *Fake) StoreTexts(_ context.Context, r client.TextsRequest) (map[string]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail["StoreTexts"]; err != nil {
		return nil, err
	}
	var v errs.Violations
	v.Check(len(r.Texts) == 0, "texts", "REQUIRED")
	for _, d := range slices.Sorted(maps.Keys(r.Texts)) {
		if err := domain.CheckText(r.Texts[d]); err != nil {
			v.AddError(r.Paths.Path(d), err)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(r.Texts))
	for d, text := range r.Texts {
		out[d] = f.keep(record{subject: r.Subject, field: domain.FieldFreeText, document: d, value: text})
	}
	return out, nil
}
