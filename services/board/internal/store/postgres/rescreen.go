package postgres

import (
	"strings"

	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/services/board/internal/screening"
)

// Rescreened are the board's free-text columns written before the
// shared detector screened them (migration 00002). A post's comparison
// form (A5.8) is rebuilt from its masked text, or it would keep the digits
// the text no longer shows, and its index buckets are recomputed.
// Register runs them (rescreen.Run) before the service serves.
var Rescreened = []rescreen.Table{
	{Name: "items", Text: []string{"title", "body"}, Flag: "text_screened", Kinds: "personal_data_kinds",
		Derive: func(masked map[string]string, kinds []personaldata.Kind) map[string]any {
			if len(kinds) == 0 {
				return nil
			}
			return map[string]any{"personal_data_masked": true,
				"canonical":   screening.Canonical(strings.TrimSpace(masked["title"] + "\n" + masked["body"])),
				"lsh_indexed": false} // re-indexed from the new canonical form (FillBuckets)
		}},
	{Name: "flags", Text: []string{"evidence"}, Flag: "text_screened"},
	{Name: "reports", Text: []string{"text"}, Flag: "text_screened"},
	{Name: "appeals", Text: []string{"reason", "resolution"}, Flag: "text_screened"},
	{Name: "decisions", Text: []string{"public_explanation", "facts"}, Flag: "text_screened"},
}
