package postgres

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
)

// rescreenTables are the content service's free text written before the
// shared detector screened it (migration 00007): citizens' feedback
// comments. Items, their revisions and departments are the city's own
// publications and are not screened (see the README).
var rescreenTables = []rescreen.Table{
	{Name: "feedback", Text: []string{"comment"}, Flag: "text_screened", Kinds: "personal_data_kinds"},
}

// Rescreen masks personal data in the text stored before screening; it
// runs before the service serves (see platform/personaldata/rescreen).
func Rescreen(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	_, err := rescreen.Run(ctx, pool, log, rescreenTables...)
	return err
}
