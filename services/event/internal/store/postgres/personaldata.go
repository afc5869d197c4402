package postgres

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
)

// rescreenTables are the event service's free text written before the
// shared detector screened it (migration 00003): entrants' answers (every
// string of the JSON) and delivery notes.
var rescreenTables = []rescreen.Table{
	{Name: "entries", JSON: []string{"answers"}, Flag: "text_screened", Kinds: "personal_data_kinds"},
	{Name: "winners", Text: []string{"note"}, Flag: "text_screened"},
}

// Rescreen masks personal data in the text stored before screening; it
// runs before the service serves (see platform/personaldata/rescreen).
func Rescreen(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	_, err := rescreen.Run(ctx, pool, log, rescreenTables...)
	return err
}

// nonNil stores an empty array for no kinds (the column is NOT NULL).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
