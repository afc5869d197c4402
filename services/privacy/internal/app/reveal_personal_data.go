package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// RevealInput is RevealPersonalData's request.
type RevealInput struct {
	Tokens        []string
	Purpose       string
	CaseReference string
}

// Revealed is one token's plaintext; Document names a free text.
type Revealed struct{ Token, Field, Value, SubjectID, Document string }

// maxRevealTokens bounds one request; bulk extraction goes through the
// disclosure register, not through reveal.
const maxRevealTokens = 100

// RevealPersonalData returns plaintext when the rules allow every
// requested field. A refused request reveals nothing and is counted (see
// deny); an allowed one is logged (per subject) before any value is
// returned.
func (a *App) RevealPersonalData(ctx context.Context, in RevealInput) ([]Revealed, error) {
	actor := caller(ctx)
	if err := validateReveal(in); err != nil {
		return nil, err
	}
	if err := a.admit(actor); err != nil {
		return nil, err
	}
	if actor.Anonymous() {
		return nil, a.deny(ctx, actor, "reveal", in.Purpose, in.CaseReference, "not signed in")
	}
	recs, err := a.Vault.RecordsByTokens(ctx, in.Tokens)
	if err != nil {
		return nil, err
	}
	if missing := missingTokens(in.Tokens, recs); len(missing) > 0 {
		return nil, errs.NotFound("TOKENS_UNKNOWN", "tokens", strings.Join(missing, ", "))
	}
	grants, err := a.caseGrants(ctx, in.Purpose, in.CaseReference)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		d := domain.CanReveal(actor, r.SubjectID, r.Field, in.Purpose, in.CaseReference, grants)
		if d.Allowed && r.Document != "" {
			d = domain.CanRevealText(actor, r.SubjectID, r.CaseReference, in.CaseReference)
		}
		if !d.Allowed {
			return nil, a.deny(ctx, actor, "reveal", in.Purpose, in.CaseReference, d.Reason)
		}
	}
	out, err := a.decryptAll(ctx, recs)
	if err != nil {
		return nil, err
	}
	if err := a.Log.Append(ctx, revealEntries(actor, a.now(), recs, in, domain.OutcomeRevealed)...); err != nil {
		return nil, err
	}
	return out, nil
}

func validateReveal(in RevealInput) error {
	var v errs.Violations
	v.Check(len(in.Tokens) == 0, "tokens", "REQUIRED")
	v.Check(len(in.Tokens) > maxRevealTokens, "tokens", "TOO_MANY", "max", maxRevealTokens)
	for i, t := range in.Tokens {
		v.Check(!strings.HasPrefix(t, "pd_") || len(t) > 64, fmt.Sprintf("tokens[%d]", i), "NOT_A_TOKEN")
	}
	v.Check(!domain.ValidPurpose(in.Purpose), "purpose", "PURPOSE_NAME", "example", "complaint_handling")
	v.Check(len(in.CaseReference) > 128, "case_reference", "TOO_LONG", "max", 128)
	return v.Err()
}

func missingTokens(want []string, recs []SealedRecord) []string {
	var missing []string
	for _, t := range want {
		if !slices.ContainsFunc(recs, func(r SealedRecord) bool { return r.Token == t }) {
			missing = append(missing, t)
		}
	}
	return missing
}
