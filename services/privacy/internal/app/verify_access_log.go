package app

import (
	"context"
	"crypto/ed25519"

	"github.com/seoul-gov/homepage/services/privacy/internal/domain"
)

// VerifyAccessLog recomputes the hash chain and holds it to the signed
// anchors (privacy officers, admins): an edit is found at its row, and a
// chain rewritten consistently — with the chain key — no longer matches
// the anchor signed before the rewrite (A10.1). An anchor that is not
// genuine (signature, numbering, link) is a mismatch too.
func (a *App) VerifyAccessLog(ctx context.Context) (domain.ChainCheck, error) {
	actor := caller(ctx)
	if !actor.HasAny(domain.RolePrivacyOfficer, domain.RoleAdmin) {
		return domain.ChainCheck{}, refusal(actor, "OFFICER_OR_ADMIN_ONLY")
	}
	anchors, err := a.Anchors.All(ctx)
	if err != nil {
		return domain.ChainCheck{}, err
	}
	public := a.anchorKey.Public().(ed25519.PublicKey)
	bad := domain.CheckAnchors(anchors, func(stmt, sig []byte) bool { return ed25519.Verify(public, stmt, sig) })
	genuine := anchors
	if bad >= 0 {
		genuine = anchors[:bad]
	}
	v := domain.NewChainVerifier(a.keys.ChainKey(), genuine)
	if err := a.Log.Verify(ctx, v); err != nil {
		return domain.ChainCheck{}, err
	}
	check := v.Finish()
	if bad >= 0 && check.Intact {
		check.Intact, check.AnchorMismatchSeq = false, anchors[bad].Seq
	}
	return check, nil
}
