package app

import (
	"context"
	"slices"
	"time"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// LookupInput is FindSubject's request.
type LookupInput struct {
	Field, Value, Purpose, CaseReference string
}

// Match is one subject holding the searched value.
type Match struct{ SubjectID, Token string }

// FindSubject finds subjects by an exact value through the blind index:
// the value is normalized and HMAC-ed, never compared in plaintext, and
// nothing is decrypted. The search links a value to a person, so it needs
// a reveal rule for the field (a machine client: its registration's lookup
// scope), is limited per caller (LookupsPerMinute) and is logged per match
// (or as a miss).
func (a *App) FindSubject(ctx context.Context, in LookupInput) ([]Match, error) {
	actor := caller(ctx)
	normalized, err := validateLookup(in, a.now())
	if err != nil {
		return nil, err
	}
	if err := a.admit(actor); err != nil {
		return nil, err
	}
	grants, err := a.caseGrants(ctx, in.Purpose, in.CaseReference)
	if err != nil {
		return nil, err
	}
	if d := domain.CanLookup(actor, in.Field, in.Purpose, in.CaseReference, grants); !d.Allowed {
		return nil, a.deny(ctx, actor, "lookup", in.Purpose, in.CaseReference, d.Reason)
	}
	if err := a.allowLookup(actor); err != nil {
		return nil, err
	}
	rows, err := a.Vault.FindByBlindIndex(ctx, in.Field, a.keys.BlindIndexes(in.Field, normalized))
	if err != nil {
		return nil, err
	}
	if domain.LookupCaseBound(actor, in.Field, in.Purpose) {
		// A case-bound search finds only the subjects of the caller's case:
		// anyone else holding the value stays unlinked (and unlogged).
		allowed := grants.SubjectsFor(in.Purpose, in.CaseReference, actor.Department)
		rows = slices.DeleteFunc(rows, func(r SealedField) bool { return !slices.Contains(allowed, r.SubjectID) })
	}
	entries := []domain.AccessEntry{domain.NewAccessEntry(actor, a.now(), domain.Access{Fields: []string{in.Field}, Purpose: in.Purpose, CaseReference: in.CaseReference, Outcome: domain.OutcomeLookedUp, Reason: "no match"})}
	out := make([]Match, len(rows))
	for i, r := range rows {
		out[i] = Match{SubjectID: r.SubjectID, Token: r.Token}
		entries = append(entries, domain.NewAccessEntry(actor, a.now(), domain.Access{SubjectID: r.SubjectID, Fields: []string{in.Field}, Purpose: in.Purpose, CaseReference: in.CaseReference, Outcome: domain.OutcomeLookedUp}))
	}
	if len(rows) > 0 {
		entries = entries[1:]
	}
	return out, a.Log.Append(ctx, entries...)
}

func validateLookup(in LookupInput, now time.Time) (string, error) {
	var v errs.Violations
	var normalized string
	switch {
	case !domain.KnownField(in.Field) || !domain.Indexed(in.Field):
		v.Add("field", "NOT_ONE_OF", "allowed", "phone, email, transit_card_number, account_number, emergency_phone")
	default:
		n, err := domain.Normalize(in.Field, in.Value, now)
		if err != nil {
			v.AddError("value", err)
		}
		normalized = n
	}
	v.Check(!domain.ValidPurpose(in.Purpose), "purpose", "PURPOSE_NAME", "example", "complaint_handling")
	v.Check(len(in.CaseReference) > 128, "case_reference", "TOO_LONG", "max", 128)
	return normalized, v.Err()
}
