package postgres

import "github.com/seoul-gov/homepage/platform/personaldata/rescreen"

// Rescreened are the event service's free text written before the
// shared detector screened it (migration 00003): entrants' answers (every
// string of the JSON) and delivery notes.
// Register runs them (rescreen.Run) before the service serves.
var Rescreened = []rescreen.Table{
	{Name: "entries", JSON: []string{"answers"}, Flag: "text_screened", Kinds: "personal_data_kinds"},
	{Name: "winners", Text: []string{"note"}, Flag: "text_screened"},
}

// nonNil stores an empty array for no kinds (the column is NOT NULL).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
