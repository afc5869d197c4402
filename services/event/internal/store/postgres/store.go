// Package postgres is the event service's storage: every SQL statement,
// private row types, and the transactions that keep the A7 rules under
// concurrency (budget-year row locks, event row locks, one entry per
// citizen by a unique key).
package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/outbox"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/event/internal/app"
	"github.com/seoul-gov/homepage/services/event/internal/domain"
)

// Store implements the app's repositories over one database: the pool for
// RPCs and jobs (pg.Pool), or a consumer's transaction (pg.Joined) so an
// event's effect commits with its inbox row.
type Store struct {
	db     pg.DB
	events outbox.Writer[domain.Event]
}

// New returns the store; events writes the domain events of a change to
// the outbox in its transaction (the events package provides it, so
// storage knows nothing of subjects or payloads).
func New(db pg.DB, events outbox.Writer[domain.Event]) *Store {
	return &Store{db: db, events: events}
}

// ParticipationEvents, Entries, Winners and ProgrammeBudgets are the store
// seen through each port, so the server's wiring reads like the ports it
// fills.
func (s *Store) ParticipationEvents() *ParticipationEvents { return &ParticipationEvents{s} }
func (s *Store) Entries() *Entries                         { return &Entries{s} }
func (s *Store) Winners() *Winners                         { return &Winners{s} }
func (s *Store) ProgrammeBudgets() *ProgrammeBudgets       { return &ProgrammeBudgets{s} }

// The repositories, one per aggregate.
type (
	ParticipationEvents struct{ *Store }
	Entries             struct{ *Store }
	Winners             struct{ *Store }
	ProgrammeBudgets    struct{ *Store }
)

var (
	_ app.ParticipationEvents = (*ParticipationEvents)(nil)
	_ app.Entries             = (*Entries)(nil)
	_ app.Winners             = (*Winners)(nil)
	_ app.ProgrammeBudgets    = (*ProgrammeBudgets)(nil)
)

const eventColumns = `id, created_by, draft, status, announcement_document, announcement_hash,
	announced_at, draw_seed, seed_commitment, committed_at, opened_at, closed_at,
	entry_list_digest, entry_count, drawn_at, created_at, updated_at, revision, draw_algorithm, pseudonym_key`

// eventRow is a participation_events row as scanned.
type eventRow struct {
	ID, CreatedBy, Status, AnnouncementHash, SeedCommitment, EntryListDigest string
	DrawAlgorithm                                                            string
	Draft                                                                    []byte
	AnnouncementDocument, Seed, PseudonymKey                                 []byte
	AnnouncedAt, CommittedAt, OpenedAt, ClosedAt, DrawnAt                    *time.Time
	EntryCount                                                               int
	CreatedAt, UpdatedAt                                                     time.Time
	Revision                                                                 int64
}

func scanEvent(row pgx.Row) (*domain.ParticipationEvent, error) {
	var r eventRow
	err := row.Scan(&r.ID, &r.CreatedBy, &r.Draft, &r.Status, &r.AnnouncementDocument, &r.AnnouncementHash,
		&r.AnnouncedAt, &r.Seed, &r.SeedCommitment, &r.CommittedAt, &r.OpenedAt, &r.ClosedAt,
		&r.EntryListDigest, &r.EntryCount, &r.DrawnAt, &r.CreatedAt, &r.UpdatedAt, &r.Revision, &r.DrawAlgorithm, &r.PseudonymKey)
	if err != nil {
		return nil, pg.MapError(err)
	}
	e := &domain.ParticipationEvent{ID: r.ID, CreatedBy: r.CreatedBy, Status: domain.Status(r.Status),
		AnnouncementDocument: r.AnnouncementDocument, AnnouncementHash: r.AnnouncementHash,
		AnnouncedAt: deref(r.AnnouncedAt), Seed: r.Seed, SeedCommitment: r.SeedCommitment,
		CommittedAt: deref(r.CommittedAt), OpenedAt: deref(r.OpenedAt), ClosedAt: deref(r.ClosedAt),
		EntryListDigest: r.EntryListDigest, EntryCount: r.EntryCount, DrawnAt: deref(r.DrawnAt),
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Revision: r.Revision,
		DrawAlgorithm: r.DrawAlgorithm, PseudonymKey: r.PseudonymKey}
	if err := json.Unmarshal(r.Draft, &e.Draft); err != nil {
		return nil, err
	}
	return e, nil
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// opt stores the zero time as NULL.
func opt(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// getEvent reads one event; lock is "", "FOR UPDATE" or "FOR SHARE".
func getEvent(ctx context.Context, q querier, id, lock string) (*domain.ParticipationEvent, error) {
	e, err := scanEvent(q.QueryRow(ctx, `SELECT `+eventColumns+` FROM participation_events WHERE id = $1 `+lock, id))
	if errs.Is(err, errs.KindNotFound) {
		return nil, errs.NotFound("EVENT_NOT_FOUND", "id", id)
	}
	if err != nil || (e.Status != domain.StatusClosed && e.Status != domain.StatusDrawn) {
		return e, err
	}
	e.SourceValues, err = sourceValues(ctx, q, id)
	return e, err
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}
