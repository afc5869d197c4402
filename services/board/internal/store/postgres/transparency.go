package postgres

import (
	"context"
	"time"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

// Transparency aggregates a period's moderation (A5.0): counts only, no
// subjects.
func (r repo) Transparency(ctx context.Context, from, to time.Time, boardID string) (app.Report, error) {
	rep := app.Report{From: from, To: to, RemovalsByGround: map[domain.Ground]int64{}}
	board := nullable(boardID)
	err := r.q.QueryRow(ctx, `SELECT
			count(*) FILTER (WHERE outcome = 'remove'), count(*) FILTER (WHERE outcome = 'hide'),
			count(*) FILTER (WHERE outcome = 'keep'), count(*) FILTER (WHERE outcome = 'restore'),
			count(*) FILTER (WHERE outcome <> 'restore'),
			count(*) FILTER (WHERE outcome <> 'restore' AND automated_detection),
			count(*) FILTER (WHERE outcome <> 'restore' AND automated_decision),
			coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - signal_at))
				FILTER (WHERE signal_at IS NOT NULL AND outcome <> 'restore'), 0)
		FROM decisions WHERE decided_at >= $1 AND decided_at < $2 AND ($3::uuid IS NULL OR board_id = $3::uuid)`,
		from, to, board).Scan(&rep.Removals, &rep.Hides, &rep.Keeps, &rep.Restorations, &rep.Decisions,
		&rep.AutomatedDetections, &rep.AutomatedDecisions, &rep.MedianSecondsToDecide)
	if err != nil {
		return rep, pg.MapError(err)
	}
	if err := r.removalsByGround(ctx, &rep, board); err != nil {
		return rep, err
	}
	return rep, r.periodCounts(ctx, &rep, board)
}

func (r repo) removalsByGround(ctx context.Context, rep *app.Report, board *string) error {
	rows, err := r.q.Query(ctx, `SELECT ground, count(*) FROM decisions
		WHERE outcome = 'remove' AND decided_at >= $1 AND decided_at < $2 AND ($3::uuid IS NULL OR board_id = $3::uuid)
		GROUP BY ground ORDER BY ground`, rep.From, rep.To, board)
	if err != nil {
		return pg.MapError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var g string
		var n int64
		if err := rows.Scan(&g, &n); err != nil {
			return pg.MapError(err)
		}
		rep.RemovalsByGround[domain.Ground(g)] = n
	}
	return pg.MapError(rows.Err())
}

func (r repo) periodCounts(ctx context.Context, rep *app.Report, board *string) error {
	err := r.q.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM reports x JOIN items i ON i.id = x.item_id
			WHERE x.created_at >= $1 AND x.created_at < $2 AND ($3::uuid IS NULL OR i.board_id = $3::uuid)),
		(SELECT count(*) FROM flags x JOIN items i ON i.id = x.item_id
			WHERE x.created_at >= $1 AND x.created_at < $2 AND ($3::uuid IS NULL OR i.board_id = $3::uuid)),
		(SELECT count(*) FROM appeals x JOIN items i ON i.id = x.item_id
			WHERE x.filed_at >= $1 AND x.filed_at < $2 AND ($3::uuid IS NULL OR i.board_id = $3::uuid)),
		(SELECT count(*) FROM appeals x JOIN items i ON i.id = x.item_id
			WHERE x.resolved_at >= $1 AND x.resolved_at < $2 AND ($3::uuid IS NULL OR i.board_id = $3::uuid)),
		(SELECT count(*) FROM appeals x JOIN items i ON i.id = x.item_id WHERE x.status = 'reversed'
			AND x.resolved_at >= $1 AND x.resolved_at < $2 AND ($3::uuid IS NULL OR i.board_id = $3::uuid))`,
		rep.From, rep.To, board).Scan(&rep.ReportsFiled, &rep.FlagsRaised, &rep.AppealsFiled, &rep.AppealsDecided, &rep.Reversals)
	return pg.MapError(err)
}
