package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Create implements app.ParticipationEvents.
func (s *ParticipationEvents) Create(ctx context.Context, e *domain.ParticipationEvent, requestID string, fits func(year domain.ProgrammeBudget) error) (*domain.ParticipationEvent, error) {
	var out *domain.ParticipationEvent
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if requestID != "" {
			prev, err := scanEvent(tx.QueryRow(ctx, `SELECT `+eventColumns+` FROM participation_events
				WHERE created_by = $1 AND request_id = $2`, e.CreatedBy, requestID))
			if err == nil {
				out = prev
				return nil
			}
			if !errs.Is(err, errs.KindNotFound) {
				return err
			}
		}
		programme, others, err := lockYear(ctx, tx, e.Draft.BudgetYear, "")
		if err != nil {
			return err
		}
		if err := fits(domain.ProgrammeBudget{Year: e.Draft.BudgetYear, Amount: programme, Allocated: others}); err != nil {
			return err
		}
		out = e
		return insertEvent(ctx, tx, e, requestID)
	})
	return out, err
}

func insertEvent(ctx context.Context, tx pgx.Tx, e *domain.ParticipationEvent, requestID string) error {
	draft, err := json.Marshal(e.Draft)
	if err != nil {
		return err
	}
	d := e.Draft
	_, err = tx.Exec(ctx, `INSERT INTO participation_events (id, created_by, request_id, department_code,
		purpose, title_ko, entry_starts_at, entry_ends_at, budget_year, budget, prize_total, draft, status,
		created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
		e.ID, e.CreatedBy, requestID, d.DepartmentCode, d.Purpose, d.Title.Ko(), d.EntryStartsAt, d.EntryEndsAt,
		d.BudgetYear, d.Budget, d.PrizeTotal(), draft, e.Status, e.CreatedAt, e.UpdatedAt)
	return err
}

// UpdatePlan implements app.ParticipationEvents. Lock order everywhere: budget year row,
// then event row; the budget year of an event never changes, so reading it
// before the locks is safe.
func (s *ParticipationEvents) UpdatePlan(ctx context.Context, id string, fn func(e *domain.ParticipationEvent, year domain.ProgrammeBudget) error) (*domain.ParticipationEvent, error) {
	var out *domain.ParticipationEvent
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var year int
		err := tx.QueryRow(ctx, `SELECT budget_year FROM participation_events WHERE id = $1`, id).Scan(&year)
		if errs.Is(pg.MapError(err), errs.KindNotFound) {
			return errs.NotFound("EVENT_NOT_FOUND", "id", id)
		} else if err != nil {
			return err
		}
		programme, others, err := lockYear(ctx, tx, year, id)
		if err != nil {
			return err
		}
		if out, err = getEvent(ctx, tx, id, "FOR UPDATE"); err != nil {
			return err
		}
		if err := fn(out, domain.ProgrammeBudget{Year: year, Amount: programme, Allocated: others}); err != nil {
			return err
		}
		return saveDraft(ctx, tx, out)
	})
	return out, err
}

func saveDraft(ctx context.Context, tx pgx.Tx, e *domain.ParticipationEvent) error {
	draft, err := json.Marshal(e.Draft)
	if err != nil {
		return err
	}
	d := e.Draft
	return tx.QueryRow(ctx, `UPDATE participation_events SET department_code = $2, purpose = $3, title_ko = $4,
		entry_starts_at = $5, entry_ends_at = $6, budget = $7, prize_total = $8, draft = $9, updated_at = $10,
		revision = revision + 1
		WHERE id = $1 RETURNING revision`, e.ID, d.DepartmentCode, d.Purpose, d.Title.Ko(), d.EntryStartsAt, d.EntryEndsAt,
		d.Budget, d.PrizeTotal(), draft, e.UpdatedAt).Scan(&e.Revision)
}

// entrants reads the entry list of a participation event locked in tx.
type entrants struct {
	tx pgx.Tx
	id string
}

func (t entrants) EntryIDs(ctx context.Context) ([]string, error) { return entryIDs(ctx, t.tx, t.id) }

// Update implements app.ParticipationEvents: the participation event row
// FOR UPDATE serializes its steps, the officials' draw source entries and
// the draw (which reads them under the same lock).
func (s *ParticipationEvents) Update(ctx context.Context, id string, fn func(e *domain.ParticipationEvent, in app.Entrants) error) (*domain.ParticipationEvent, error) {
	var out *domain.ParticipationEvent
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		if out, err = getEvent(ctx, tx, id, "FOR UPDATE"); err != nil {
			return err
		}
		return s.step(ctx, tx, out, fn)
	})
	return out, err
}

// step lets fn change e, locked in tx, and keeps what it did: a changed
// status as a new revision (the draw source values are kept beside the
// participation event, not a change of it), the source values and winners
// it added, and the events it recorded.
func (s *ParticipationEvents) step(ctx context.Context, tx pgx.Tx, e *domain.ParticipationEvent, fn func(e *domain.ParticipationEvent, in app.Entrants) error) error {
	status, values := e.Status, len(e.SourceValues)
	if err := fn(e, entrants{tx: tx, id: e.ID}); err != nil {
		return err
	}
	if err := insertSourceValues(ctx, tx, e.ID, e.SourceValues[values:]); err != nil {
		return err
	}
	if err := insertWinners(ctx, tx, e.ID, e.Drawn); err != nil {
		return err
	}
	if e.Status != status {
		if err := saveState(ctx, tx, e); err != nil {
			return err
		}
	}
	return s.events.Write(ctx, tx, e.Events()...)
}

// saveState writes the life-cycle columns (never the draft) and the next
// revision.
func saveState(ctx context.Context, tx pgx.Tx, e *domain.ParticipationEvent) error {
	return tx.QueryRow(ctx, `UPDATE participation_events SET status = $2, announcement_document = $3,
		announcement_hash = $4, announced_at = $5, draw_seed = $6, seed_commitment = $7, committed_at = $8,
		opened_at = $9, closed_at = $10, entry_list_digest = $11, entry_count = $12, drawn_at = $13,
		updated_at = $14, draw_algorithm = $15, pseudonym_key = $16, revision = revision + 1
		WHERE id = $1 RETURNING revision`,
		e.ID, e.Status, e.AnnouncementDocument, e.AnnouncementHash, opt(e.AnnouncedAt), e.Seed,
		e.SeedCommitment, opt(e.CommittedAt), opt(e.OpenedAt), opt(e.ClosedAt), e.EntryListDigest,
		e.EntryCount, opt(e.DrawnAt), e.UpdatedAt, e.DrawAlgorithm, e.PseudonymKey).Scan(&e.Revision)
}

// Get implements app.ParticipationEvents.
func (s *ParticipationEvents) Get(ctx context.Context, id string) (*domain.ParticipationEvent, error) {
	return getEvent(ctx, s.db, id, "")
}

// ClaimDueForClose implements app.ParticipationEvents: one transaction claims up to
// limit announced or open events whose period ended by now (FOR UPDATE
// SKIP LOCKED: rows another replica closes, or an entry still share-locks,
// are left for the next run) and lets fn close each.
func (s *ParticipationEvents) ClaimDueForClose(ctx context.Context, now time.Time, limit int, fn func(e *domain.ParticipationEvent, in app.Entrants) error) (int, error) {
	claimed := 0
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+eventColumns+` FROM participation_events
			WHERE status IN ('announced', 'open') AND entry_ends_at <= $1
			ORDER BY entry_ends_at LIMIT $2 FOR UPDATE SKIP LOCKED`, now, limit)
		if err != nil {
			return err
		}
		due, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*domain.ParticipationEvent, error) { return scanEvent(r) })
		if err != nil {
			return err
		}
		claimed = len(due)
		for _, e := range due {
			if err := s.step(ctx, tx, e, fn); err != nil {
				return err
			}
		}
		return nil
	})
	return claimed, err
}
