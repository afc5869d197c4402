package postgres

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
)

// rescreenTables are the officials' reasons written before the shared
// detector screened them (migration 00003): the audit of grants and
// corrections and the ledger memo the citizen's history shows (the one
// change the immutable ledger admits).
var rescreenTables = []rescreen.Table{
	{Name: "manual_adjustments", Text: []string{"reason"}, Flag: "text_screened"},
	{Name: "ledger_transactions", Text: []string{"memo"}, Flag: "text_screened"},
}

// Rescreen masks personal data in the text stored before screening; it
// runs before the service serves (see platform/personaldata/rescreen).
func Rescreen(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	_, err := rescreen.Run(ctx, pool, log, rescreenTables...)
	return err
}
