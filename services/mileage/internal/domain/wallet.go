package domain

import "time"

// Wallet is a citizen's account as one unit of work holds it: locked by
// the store before anything else on it (its awards, lots, redemptions: the
// one lock order), with its debt and the lots the work concerns, loaded
// and locked after it. The work's changes are kept here — lots changed,
// postings, the debt, officials' adjustments and the events it records —
// and the store writes them in the unit's transaction when the work
// succeeds; nothing when it fails.
type Wallet struct {
	Subject string
	Debt    int64
	// Lots are the lots loaded for this work (oldest expiry first).
	Lots []Lot

	debtChanged bool
	changed     []string
	postings    []Posting
	adjustments []Adjustment
	events      []Event
}

// Lot returns the loaded lot id (to read or change it through SaveLot);
// nil when the work has no such lot.
func (a *Wallet) Lot(id string) *Lot {
	for i := range a.Lots {
		if a.Lots[i].ID == id {
			return &a.Lots[i]
		}
	}
	return nil
}

// SaveLot records a loaded lot's new counters.
func (a *Wallet) SaveLot(l Lot) {
	if p := a.Lot(l.ID); p != nil {
		*p = l
	} else {
		a.Lots = append(a.Lots, l)
	}
	for _, id := range a.changed {
		if id == l.ID {
			return
		}
	}
	a.changed = append(a.changed, l.ID)
}

// SetDebt records the citizen's outstanding clawback debt.
func (a *Wallet) SetDebt(debt int64) {
	a.Debt, a.debtChanged = debt, true
}

// Post adds a balanced ledger transaction (checked again when written).
func (a *Wallet) Post(p Posting) { a.postings = append(a.postings, p) }

// Adjust records an official's manual grant or reversal for the audit.
func (a *Wallet) Adjust(adj Adjustment) { a.adjustments = append(a.adjustments, adj) }

// Record records an event the work publishes.
func (a *Wallet) Record(e Event) { a.events = append(a.events, e) }

// ChangedLots are the lots SaveLot changed, in order.
func (a *Wallet) ChangedLots() []Lot {
	out := make([]Lot, 0, len(a.changed))
	for _, id := range a.changed {
		out = append(out, *a.Lot(id))
	}
	return out
}

// DebtChanged reports whether SetDebt was called.
func (a *Wallet) DebtChanged() bool { return a.debtChanged }

// Postings are the ledger transactions posted, in order.
func (a *Wallet) Postings() []Posting { return a.postings }

// Adjustments are the officials' changes audited, in order.
func (a *Wallet) Adjustments() []Adjustment { return a.adjustments }

// Events are the events recorded, in order.
func (a *Wallet) Events() []Event { return a.events }

// Adjustment is the audit of an official's manual grant or reversal.
type Adjustment struct {
	Kind       string // grant, reversal
	AwardID    string
	Subject    string
	Points     int64
	Reason     string
	Actor      string
	ActorRoles string
	Department string
	At         time.Time
}
