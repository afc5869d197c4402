package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

func (r repo) AddFlags(ctx context.Context, flags []domain.Flag) error {
	for _, f := range flags {
		if _, err := r.q.Exec(ctx, `INSERT INTO flags (item_id, detector, ground, score, evidence, created_at)
			VALUES ($1,$2,$3,$4,$5,$6)`, f.ItemID, f.Detector, f.Ground, f.Score, f.Evidence, f.CreatedAt); err != nil {
			return pg.MapError(err)
		}
	}
	return nil
}

func (r repo) addReport(ctx context.Context, rep domain.Report) error {
	_, err := r.q.Exec(ctx, `INSERT INTO reports (id, item_id, reporter_subject, ground, text, created_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, rep.ID, rep.ItemID, rep.ReporterSubject, rep.Ground, rep.Text, rep.CreatedAt)
	return pg.MapError(err)
}

// Signals returns an item's flags and reports, oldest first.
func (r repo) Signals(ctx context.Context, itemID string) ([]domain.Flag, []domain.Report, error) {
	rows, err := r.q.Query(ctx, `SELECT item_id, detector, ground, score, evidence, created_at
		FROM flags WHERE item_id = $1 ORDER BY id`, itemID)
	if err != nil {
		return nil, nil, pg.MapError(err)
	}
	flags, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Flag, error) {
		var f domain.Flag
		return f, row.Scan(&f.ItemID, &f.Detector, &f.Ground, &f.Score, &f.Evidence, &f.CreatedAt)
	})
	if err != nil {
		return nil, nil, pg.MapError(err)
	}
	rows, err = r.q.Query(ctx, `SELECT id, item_id, reporter_subject, ground, text, created_at
		FROM reports WHERE item_id = $1 ORDER BY created_at, id`, itemID)
	if err != nil {
		return nil, nil, pg.MapError(err)
	}
	reports, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Report, error) {
		var rep domain.Report
		return rep, row.Scan(&rep.ID, &rep.ItemID, &rep.ReporterSubject, &rep.Ground, &rep.Text, &rep.CreatedAt)
	})
	return flags, reports, pg.MapError(err)
}

// caseState is a case as loaded: whether its row exists, its queue
// fields and how many signals it had, so saveCase writes only what changed.
type caseState struct {
	exists, open   bool
	urgency        float64
	openedAt       time.Time
	flags, reports int
}

// loadCase reads an item's case with its signals (a case never opened is
// a closed one without signals); run it under the item's lock.
func (r repo) loadCase(ctx context.Context, itemID string) (domain.Case, caseState, error) {
	cs := domain.Case{ItemID: itemID}
	err := r.q.QueryRow(ctx, `SELECT open, urgency, opened_at FROM cases WHERE item_id = $1`, itemID).
		Scan(&cs.Open, &cs.Urgency, &cs.OpenedAt)
	exists := err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return cs, caseState{}, pg.MapError(err)
	}
	if cs.Flags, cs.Reports, err = r.Signals(ctx, itemID); err != nil {
		return cs, caseState{}, err
	}
	return cs, caseState{exists: exists, open: cs.Open, urgency: cs.Urgency, openedAt: cs.OpenedAt,
		flags: len(cs.Flags), reports: len(cs.Reports)}, nil
}

// saveCase stores the case's new flags and reports and its place in the
// queue: opened (or raised), or closed.
func (r repo) saveCase(ctx context.Context, was caseState, cs *domain.Case) error {
	if err := r.AddFlags(ctx, cs.Flags[was.flags:]); err != nil {
		return err
	}
	for _, rep := range cs.Reports[was.reports:] {
		if err := r.addReport(ctx, rep); err != nil {
			return err
		}
	}
	changed := cs.Open != was.open || cs.Urgency != was.urgency || !cs.OpenedAt.Equal(was.openedAt) ||
		len(cs.Flags) > was.flags || len(cs.Reports) > was.reports
	switch {
	case !changed:
		return nil
	case cs.Open:
		_, err := r.q.Exec(ctx, `INSERT INTO cases (item_id, open, urgency, opened_at, updated_at)
			VALUES ($1, true, $2, $3, now())
			ON CONFLICT (item_id) DO UPDATE SET open = true, urgency = EXCLUDED.urgency,
				opened_at = EXCLUDED.opened_at, updated_at = EXCLUDED.updated_at`, cs.ItemID, cs.Urgency, cs.OpenedAt)
		return pg.MapError(err)
	case was.exists:
		_, err := r.q.Exec(ctx, `UPDATE cases SET open = false, updated_at = now() WHERE item_id = $1`, cs.ItemID)
		return pg.MapError(err)
	}
	return nil
}

// Queue lists open cases by urgency, then id, after a keyset cursor.
func (r repo) Queue(ctx context.Context, page pagetoken.Page) ([]domain.Case, string, error) {
	query := pagetoken.Fingerprint("moderation-queue")
	var pos queuePosition
	if _, err := pagetoken.DecodeFor(page.Token, query, &pos); err != nil {
		return nil, "", err
	}
	if pos.ItemID != "" && uuid.Validate(pos.ItemID) != nil {
		return nil, "", pagetoken.Invalid()
	}
	rows, err := r.q.Query(ctx, `SELECT item_id, open, urgency, opened_at FROM cases
		WHERE open AND ($1::uuid IS NULL OR urgency < $2 OR (urgency = $2 AND item_id > $1::uuid))
		ORDER BY urgency DESC, item_id LIMIT $3`, nullable(pos.ItemID), pos.Urgency, page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Case, error) {
		var c domain.Case
		return c, row.Scan(&c.ItemID, &c.Open, &c.Urgency, &c.OpenedAt)
	})
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, next := pagetoken.Cut(list, page.Size, func(c domain.Case) string {
		return pagetoken.EncodeFor(query, queuePosition{Urgency: c.Urgency, ItemID: c.ItemID})
	})
	return list, next, nil
}

// queuePosition is the moderation queue's keyset position.
type queuePosition struct {
	Urgency float64 `json:"u"`
	ItemID  string  `json:"i"`
}

// cases implements app.Cases.
type cases struct{ s *Store }

func (r cases) Queue(ctx context.Context, page pagetoken.Page) ([]domain.Case, string, error) {
	return r.s.read().Queue(ctx, page)
}

func (r cases) Signals(ctx context.Context, itemID string) ([]domain.Flag, []domain.Report, error) {
	return r.s.read().Signals(ctx, itemID)
}
