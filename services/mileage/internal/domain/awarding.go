package domain

// AwardContext is what deciding an award needs, read in one go under the
// citizen's account lock.
type AwardContext struct {
	Debt int64
	// Exists: the award (by id, or by its source) was decided before.
	Exists        bool
	SourceRemoved bool
	// Rule is the version of the action in force when the citizen acted;
	// nil when there is none.
	Rule     *Rule
	Counts   CapCounts
	Validity Validity
}

// AwardRecord is an award decision with everything a credited award
// changes, written together.
type AwardRecord struct {
	Award   Award
	Posting *Posting // credited awards
	Lot     *Lot     // the part credited to the citizen, when any
	Debt    *int64   // the citizen's debt left after the offset, when it changed
	// Audit is the official's manual grant, audited also when the award
	// existed (a retried grant); Award is then the zero value.
	Audit  *Adjustment
	Events []Event
}

// Decide applies the point table in force when the citizen acted: a
// removed source earns nothing, caps stop the award, the weight scales it
// (eventPoints: a prize's own points).
func Decide(aw Award, c AwardContext, eventPoints int64) Award {
	aw.Status = AwardNoRule
	switch {
	case c.SourceRemoved:
		aw.Status = AwardSourceRemoved
	case c.Rule != nil:
		aw.RuleID, aw.RuleVersion = c.Rule.ID, c.Rule.Version
		aw.Points = c.Rule.Award(eventPoints)
		switch {
		case c.Rule.Capped(c.Counts):
			aw.Status, aw.Points = AwardCapped, 0
		case aw.Points > 0:
			aw.Status = AwardCredited
		}
	}
	return aw
}

// After is aw's context once earlier, decided before it in the same batch,
// is written (a batch reads every context before deciding any): earlier
// may be aw itself or its source, may have left the citizen's debt, and
// counts toward aw's caps when it is a credit of the same action.
func (c AwardContext) After(earlier AwardRecord, aw Award) AwardContext {
	e := earlier.Award
	if e.Subject != aw.Subject || e.ID == "" {
		return c
	}
	sameSource := e.Action == aw.Action && e.SourceKind == aw.SourceKind && e.SourceRef == aw.SourceRef &&
		e.Restores == "" && aw.Restores == ""
	if e.ID == aw.ID || sameSource || aw.Restores != "" && e.Restores == aw.Restores {
		c.Exists = true
	}
	if earlier.Debt != nil {
		c.Debt = *earlier.Debt
	}
	if e.Status == AwardCredited && e.Action == aw.Action {
		c.Counts = c.Counts.With(e.OccurredAt, aw.OccurredAt)
	}
	return c
}
