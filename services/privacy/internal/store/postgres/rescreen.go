package postgres

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
)

// rescreenTables are privacy officers' reasons written before the shared
// detector screened them (migration 00006).
var rescreenTables = []rescreen.Table{
	{Name: "legal_holds", Text: []string{"reason"}, Flag: "text_screened"},
	{Name: "disclosures", Text: []string{"decision_reason"}, Flag: "text_screened"},
}

// Rescreen masks personal data in the reasons stored before screening; it
// runs before the service serves (see platform/personaldata/rescreen).
func Rescreen(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	_, err := rescreen.Run(ctx, pool, log, rescreenTables...)
	return err
}
