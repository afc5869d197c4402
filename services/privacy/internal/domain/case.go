package domain

import "time"

// Case is one case's reveal grants (a complaint, a participation event, a
// redemption) as the owners' domain events change them (A10.1): the live
// grants and the time of the newest event applied, so an event
// redelivered out of order cannot bring back a grant a later one moved or
// revoked. The store saves the grants that changed and marks them with
// EventID, the event that changed them.
type Case struct {
	Purpose   string
	Reference string
	// LastEventAt is the time of the newest event applied (zero: none).
	LastEventAt time.Time
	// Grants are the case's live (unrevoked) grants.
	Grants  []CaseGrant
	EventID string
}

// CaseGrant is a grant of a case as stored: ID 0 for a new one.
type CaseGrant struct {
	Grant
	ID      int64
	Changed bool
}

// Advance records at as the time of the event being applied and reports
// false (apply nothing) when a newer event was applied already.
func (c *Case) Advance(at time.Time) bool {
	if at.Before(c.LastEventAt) {
		return false
	}
	c.LastEventAt = at
	return true
}

// Hold makes g.Department the holder of g.SubjectID's grant: its live
// grant is kept and made open-ended again; otherwise every live grant of
// the case is revoked (a transfer) and g is added.
func (c *Case) Hold(g Grant) {
	for i := range c.Grants {
		cg := &c.Grants[i]
		if cg.live() && cg.SubjectID == g.SubjectID && cg.Department == g.Department {
			cg.ExpiresAt, cg.Reason, cg.Changed = time.Time{}, g.Reason, true
			return
		}
	}
	c.Revoke(g.GrantedAt, g.Reason+" to "+g.Department)
	c.Grants = append(c.Grants, CaseGrant{Grant: g, Changed: true})
}

// Expire sets when the live grants end (the grace after an answer).
func (c *Case) Expire(at time.Time, reason string) {
	for i := range c.Grants {
		if cg := &c.Grants[i]; cg.live() {
			cg.ExpiresAt, cg.Reason, cg.Changed = at, reason, true
		}
	}
}

// Revoke ends every live grant at at.
func (c *Case) Revoke(at time.Time, reason string) {
	for i := range c.Grants {
		if cg := &c.Grants[i]; cg.live() {
			cg.RevokedAt, cg.Reason, cg.Changed = at, reason, true
		}
	}
}

// Award adds a live grant for g, or extends the subject's live grant to
// the later expiry of the two (a winner awarded twice).
func (c *Case) Award(g Grant) {
	for i := range c.Grants {
		cg := &c.Grants[i]
		if cg.live() && cg.SubjectID == g.SubjectID {
			if g.ExpiresAt.After(cg.ExpiresAt) {
				cg.ExpiresAt, cg.Changed = g.ExpiresAt, true
			}
			return
		}
	}
	c.Grants = append(c.Grants, CaseGrant{Grant: g, Changed: true})
}

func (g CaseGrant) live() bool { return g.RevokedAt.IsZero() }
