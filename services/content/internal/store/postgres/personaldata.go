package postgres

import "github.com/seoul-gov/homepage/platform/personaldata/rescreen"

// Rescreened are the content service's free text written before the
// shared detector screened it (migration 00007): citizens' feedback
// comments. Items, their revisions and departments are the city's own
// publications and are not screened (see the README).
// Register runs them (rescreen.Run) before the service serves.
var Rescreened = []rescreen.Table{
	{Name: "feedback", Text: []string{"comment"}, Flag: "text_screened", Kinds: "personal_data_kinds"},
}
