package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/app"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

const decisionColumns = `id, item_id, item_kind, board_id, post_id, outcome, ground, public_explanation, facts,
	automated_detection, automated_decision, source, department_code, moderator_subject, hidden_until,
	signal_at, appeal_id, decided_at, explanation_translations`

// decisionColumnsD is decisionColumns qualified by alias d, for joins.
const decisionColumnsD = `d.id, d.item_id, d.item_kind, d.board_id, d.post_id, d.outcome, d.ground,
	d.public_explanation, d.facts, d.automated_detection, d.automated_decision, d.source, d.department_code,
	d.moderator_subject, d.hidden_until, d.signal_at, d.appeal_id, d.decided_at, d.explanation_translations`

// decisionRow scans a decision that may be absent (LEFT JOIN).
type decisionRow struct {
	id, itemID, kind, boardID, postID, outcome, ground, expl, facts *string
	autoDetect, autoDecide                                          *bool
	source, dept, moderator, appealID                               *string
	hiddenUntil, signalAt, decidedAt                                *time.Time
	translations                                                    []byte // jsonb, tag -> text
}

func (d *decisionRow) dest() []any {
	return []any{&d.id, &d.itemID, &d.kind, &d.boardID, &d.postID, &d.outcome, &d.ground, &d.expl, &d.facts,
		&d.autoDetect, &d.autoDecide, &d.source, &d.dept, &d.moderator, &d.hiddenUntil, &d.signalAt,
		&d.appealID, &d.decidedAt, &d.translations}
}

func (d *decisionRow) decision() *domain.Decision {
	if d.id == nil {
		return nil
	}
	var translations map[string]string
	if len(d.translations) > 0 {
		_ = json.Unmarshal(d.translations, &translations) // written by InsertDecision: a JSON object
	}
	return &domain.Decision{ExplanationTranslations: translations, ID: *d.id, ItemID: *d.itemID, ItemKind: domain.Kind(*d.kind), BoardID: *d.boardID,
		PostID: *d.postID, Outcome: domain.Outcome(*d.outcome), Ground: domain.Ground(*d.ground),
		PublicExplanation: *d.expl, Facts: *d.facts, AutomatedDetection: *d.autoDetect,
		AutomatedDecision: *d.autoDecide, Source: domain.Source(*d.source), DepartmentCode: *d.dept,
		ModeratorSubject: *d.moderator, HiddenUntil: d.hiddenUntil, SignalAt: d.signalAt,
		AppealID: deref(d.appealID), DecidedAt: *d.decidedAt}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func scanDecision(r pgx.Row) (domain.Decision, error) {
	var d decisionRow
	if err := r.Scan(d.dest()...); err != nil {
		return domain.Decision{}, err
	}
	return *d.decision(), nil
}

func (r repo) InsertDecision(ctx context.Context, d domain.Decision) error {
	_, err := r.q.Exec(ctx, `INSERT INTO decisions (`+decisionColumns+`)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)`,
		d.ID, d.ItemID, d.ItemKind, d.BoardID, d.PostID, d.Outcome, d.Ground, d.PublicExplanation, d.Facts,
		d.AutomatedDetection, d.AutomatedDecision, d.Source, d.DepartmentCode, d.ModeratorSubject,
		d.HiddenUntil, d.SignalAt, nullable(d.AppealID), d.DecidedAt, translationsJSON(d.ExplanationTranslations))
	return pg.MapError(err)
}

func (r repo) GetDecision(ctx context.Context, id string) (domain.Decision, error) {
	d, err := scanDecision(r.q.QueryRow(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE id = $1`, id))
	if errs.Is(pg.MapError(err), errs.KindNotFound) {
		return d, errs.NotFound("DECISION_NOT_FOUND", "id", id)
	}
	return d, pg.MapError(err)
}

// PublicLog lists the publicly logged decisions (hides, removals,
// reversals), newest first.
func (r repo) PublicLog(ctx context.Context, boardID string, page pagetoken.Page) ([]domain.Decision, string, error) {
	query := pagetoken.Fingerprint("moderation-log", boardID)
	after, err := decodeID(page.Token, query)
	if err != nil {
		return nil, "", err
	}
	rows, err := r.q.Query(ctx, `SELECT `+decisionColumns+` FROM decisions
		WHERE outcome IN ('hide', 'remove', 'restore')
		  AND ($1::uuid IS NULL OR board_id = $1::uuid) AND ($2::uuid IS NULL OR id < $2::uuid)
		ORDER BY id DESC LIMIT $3`, nullable(boardID), nullable(after), page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Decision, error) { return scanDecision(row) })
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	list, next := pagetoken.Cut(list, page.Size, func(d domain.Decision) string { return encodeID(query, d.ID) })
	return list, next, nil
}

// translationsJSON is the jsonb of a decision's translations ({} for none).
func translationsJSON(m map[string]string) []byte {
	if len(m) == 0 {
		return []byte("{}")
	}
	b, _ := json.Marshal(m) // a map of strings always marshals
	return b
}

// decisions implements app.Decisions (decisions are written with their
// item: items.Update).
type decisions struct{ s *Store }

func (r decisions) Get(ctx context.Context, id string) (domain.Decision, error) {
	return r.s.read().GetDecision(ctx, id)
}

func (r decisions) PublicLog(ctx context.Context, boardID string, page pagetoken.Page) ([]domain.Decision, string, error) {
	return r.s.read().PublicLog(ctx, boardID, page)
}

func (r decisions) Transparency(ctx context.Context, from, to time.Time, boardID string) (app.Report, error) {
	return r.s.read().Transparency(ctx, from, to, boardID)
}
