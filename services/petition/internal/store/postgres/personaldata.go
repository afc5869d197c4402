package postgres

import (
	"encoding/json"

	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/services/petition/internal/domain"
)

// originalRow is one element of the originals column.
type originalRow struct {
	Field string `json:"field"`
	Token string `json:"token"`
}

func originalsJSON(list []domain.Original) ([]byte, error) {
	rows := make([]originalRow, len(list))
	for i, o := range list {
		rows[i] = originalRow(o)
	}
	return json.Marshal(rows)
}

func originalsOf(raw []byte) ([]domain.Original, error) {
	var rows []originalRow
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, err
	}
	out := make([]domain.Original, len(rows))
	for i, r := range rows {
		out[i] = domain.Original(r)
	}
	return out, nil
}

// Rescreened are the petition's free-text columns written before the
// shared detector screened them (migration 00003). The originals of those
// rows are not vaulted — see the README — only masked.
// Register runs them (rescreen.Run) before the service serves.
var Rescreened = []rescreen.Table{
	{Name: "complaints", Text: []string{"title", "body", "address", "satisfaction_comment", "closure_note", "outside_agency"},
		Flag: "text_screened", Kinds: "personal_data_kinds"},
	{Name: "opinions", Text: []string{"title", "body", "triage_note"}, Flag: "text_screened", Kinds: "personal_data_kinds"},
	{Name: "complaint_answers", Text: []string{"body", "refusal_reasons", "remedies"}, Flag: "text_screened"},
	{Name: "complaint_extensions", Text: []string{"reason"}, Flag: "text_screened"},
	{Name: "complaint_history", Text: []string{"detail"}, Flag: "text_screened"},
}

// nonNil stores an empty array for no kinds (the column is NOT NULL).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
