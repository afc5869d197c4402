package postgres

import "github.com/seoul-gov/homepage/platform/personaldata/rescreen"

// Rescreened are privacy officers' reasons written before the shared
// detector screened them (migration 00006).
// Register runs them (rescreen.Run) before the service serves.
var Rescreened = []rescreen.Table{
	{Name: "legal_holds", Text: []string{"reason"}, Flag: "text_screened"},
	{Name: "disclosures", Text: []string{"decision_reason"}, Flag: "text_screened"},
}
