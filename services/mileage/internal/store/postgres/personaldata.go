package postgres

import "github.com/seoul-gov/homepage/platform/personaldata/rescreen"

// Rescreened are the officials' reasons written before the shared
// detector screened them (migration 00003): the audit of grants and
// corrections and the ledger memo the citizen's history shows (the one
// change the immutable ledger admits).
// Register runs them (rescreen.Run) before the service serves.
var Rescreened = []rescreen.Table{
	{Name: "manual_adjustments", Text: []string{"reason"}, Flag: "text_screened"},
	{Name: "ledger_transactions", Text: []string{"memo"}, Flag: "text_screened"},
}
