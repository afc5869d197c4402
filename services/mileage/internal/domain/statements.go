package domain

import "time"

// AccountView is a citizen's statement header with the open lots.
type AccountView struct {
	Subject      string
	Balance      int64
	Held         int64
	Debt         int64
	ExpiringSoon int64
	Lots         []Lot
}

// HistoryLine is one entry on a citizen's account, named for the citizen.
type HistoryLine struct {
	Seq           int64
	TransactionID string
	Kind          string
	Points        int64
	Memo          string
	Reference     string
	PostedAt      time.Time
}

// HistoryKind names a statement line after the ledger transaction kind
// and the direction of the entry.
func HistoryKind(tx TxKind, amount int64) string {
	switch tx {
	case TxAward, TxGrant:
		if amount < 0 {
			return "debt_offset"
		}
		return "earned"
	case TxHold:
		return "redeemed"
	case TxVoid:
		return "redemption_voided"
	case TxExpiry:
		return "expired"
	case TxClawback:
		return "clawed_back"
	}
	return string(tx)
}

// Liability is the report of one budget year.
type Liability struct {
	BudgetYear        int
	Issued            int64
	Outstanding       int64
	Held              int64
	RedeemedByChannel map[string]int64
	Expired           int64
	ClawedBack        int64
	DebtOutstanding   int64
}

// Redeemed totals the channels.
func (l Liability) Redeemed() int64 {
	var n int64
	for _, v := range l.RedeemedByChannel {
		n += v
	}
	return n
}

// Balanced checks the year's identity: every point issued is outstanding,
// held, redeemed, expired or clawed back.
func (l Liability) Balanced() bool {
	return l.Issued == l.Outstanding+l.Held+l.Redeemed()+l.Expired+l.ClawedBack
}
