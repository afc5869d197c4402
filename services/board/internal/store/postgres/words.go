package postgres

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/errs"
	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/board/internal/domain"
)

const wordColumns = `w.id, w.list, w.word, w.severity, w.ground, w.word_start, w.version, w.created_at`

func scanWord(r pgx.Row, extra ...any) (domain.ScreeningWord, error) {
	var w domain.ScreeningWord
	err := r.Scan(append([]any{&w.ID, &w.List, &w.Word, &w.Severity, &w.Ground, &w.WordStart, &w.Version, &w.CreatedAt}, extra...)...)
	return w, err
}

// ScreeningWords returns the words in force and the lists' version, read in
// one statement so they agree.
func (r repo) ScreeningWords(ctx context.Context) ([]domain.ScreeningWord, int64, error) {
	var version int64
	if err := r.q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM screening_word_changes`).Scan(&version); err != nil {
		return nil, 0, pg.MapError(err)
	}
	rows, err := r.q.Query(ctx, `SELECT `+wordColumns+` FROM screening_words w
		WHERE w.version <= $1 AND (w.removed_version IS NULL OR w.removed_version > $1)`, version)
	if err != nil {
		return nil, 0, pg.MapError(err)
	}
	words, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.ScreeningWord, error) { return scanWord(row) })
	return words, version, pg.MapError(err)
}

// WordsVersion is the lists' current version (0 before they are seeded).
func (r repo) WordsVersion(ctx context.Context) (int64, error) {
	var version int64
	err := r.q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM screening_word_changes`).Scan(&version)
	return version, pg.MapError(err)
}

type wordPosition struct {
	ID string `json:"i"`
}

// ListScreeningWords pages the words in force, oldest first, optionally of
// one list.
func (r repo) ListScreeningWords(ctx context.Context, list domain.WordList, page pagetoken.Page) ([]domain.ScreeningWord, string, error) {
	query := pagetoken.Fingerprint("screening-words", list)
	var pos wordPosition
	if _, err := pagetoken.DecodeFor(page.Token, query, &pos); err != nil {
		return nil, "", err
	}
	if pos.ID != "" && uuid.Validate(pos.ID) != nil {
		return nil, "", pagetoken.Invalid()
	}
	rows, err := r.q.Query(ctx, `SELECT `+wordColumns+` FROM screening_words w
		WHERE w.removed_version IS NULL AND ($1 = '' OR w.list = $1) AND ($2::uuid IS NULL OR w.id > $2::uuid)
		ORDER BY w.id LIMIT $3`, list, nullable(pos.ID), page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	words, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.ScreeningWord, error) { return scanWord(row) })
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	words, next := pagetoken.Cut(words, page.Size, func(w domain.ScreeningWord) string {
		return pagetoken.EncodeFor(query, wordPosition{ID: w.ID})
	})
	return words, next, nil
}

// lockWords serialises changes to the lists, so versions follow the order
// of commits.
func (r repo) lockWords(ctx context.Context) (int64, error) {
	if _, err := r.q.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('board-screening-words', 0))`); err != nil {
		return 0, pg.MapError(err)
	}
	return r.WordsVersion(ctx)
}

// AddScreeningWord adds w and its audit entry as the next version; run it
// in a transaction. A word already in force on its list is AlreadyExists.
func (r repo) AddScreeningWord(ctx context.Context, w domain.ScreeningWord, by, reason string) (domain.ScreeningWord, error) {
	version, err := r.lockWords(ctx)
	if err != nil {
		return w, err
	}
	w.Version = version + 1
	_, err = r.q.Exec(ctx, `INSERT INTO screening_words (id, list, word, severity, ground, word_start, version, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, w.ID, w.List, w.Word, w.Severity, w.Ground, w.WordStart, w.Version, w.CreatedAt)
	if pg.IsCode(err, pg.UniqueViolation) {
		return w, errs.AlreadyExists("SCREENING_WORD_EXISTS", "list", w.List, "word", w.Word)
	}
	if err != nil {
		return w, pg.MapError(err)
	}
	return w, r.audit(ctx, w.Version, w.ID, domain.WordAdded, by, reason, w.CreatedAt)
}

// RemoveScreeningWord takes a word in force off its list as the next
// version; run it in a transaction.
func (r repo) RemoveScreeningWord(ctx context.Context, id, by, reason string, at time.Time) (int64, error) {
	version, err := r.lockWords(ctx)
	if err != nil {
		return 0, err
	}
	tag, err := r.q.Exec(ctx, `UPDATE screening_words SET removed_version = $2 WHERE id = $1 AND removed_version IS NULL`, id, version+1)
	if err != nil {
		return 0, pg.MapError(err)
	}
	if tag.RowsAffected() == 0 {
		return 0, errs.NotFound("SCREENING_WORD_NOT_FOUND", "id", id)
	}
	return version + 1, r.audit(ctx, version+1, id, domain.WordRemoved, by, reason, at)
}

func (r repo) audit(ctx context.Context, version int64, wordID string, action domain.WordAction, by, reason string, at time.Time) error {
	_, err := r.q.Exec(ctx, `INSERT INTO screening_word_changes (version, word_id, action, moderator_subject, reason, changed_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, version, wordID, action, by, reason, at)
	return pg.MapError(err)
}

type changePosition struct {
	Version int64 `json:"v"`
}

// ListScreeningWordChanges pages the audit trail, newest first.
func (r repo) ListScreeningWordChanges(ctx context.Context, page pagetoken.Page) ([]domain.WordChange, string, error) {
	query := pagetoken.Fingerprint("screening-word-changes")
	var pos changePosition
	if _, err := pagetoken.DecodeFor(page.Token, query, &pos); err != nil {
		return nil, "", err
	}
	rows, err := r.q.Query(ctx, `SELECT `+wordColumns+`, c.version, c.action, c.moderator_subject, c.reason, c.changed_at
		FROM screening_word_changes c JOIN screening_words w ON w.id = c.word_id
		WHERE $1 = 0 OR c.version < $1 ORDER BY c.version DESC LIMIT $2`, pos.Version, page.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	changes, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.WordChange, error) {
		var c domain.WordChange
		var err error
		c.Word, err = scanWord(row, &c.Version, &c.Action, &c.ModeratorSubject, &c.Reason, &c.At)
		return c, err
	})
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	changes, next := pagetoken.Cut(changes, page.Size, func(c domain.WordChange) string {
		return pagetoken.EncodeFor(query, changePosition{Version: c.Version})
	})
	return changes, next, nil
}

// Seed stores the initial lists as the system's changes,
// once: replicas starting together wait on the lock and find them seeded.
func (w words) Seed(ctx context.Context, words []domain.ScreeningWord, reason string) error {
	return w.s.inTx(ctx, func(r repo, _ pgx.Tx) error {
		version, err := r.lockWords(ctx)
		if err != nil || version > 0 {
			return err
		}
		for _, w := range words {
			if _, err := r.AddScreeningWord(ctx, w, domain.SystemSubject, reason); err != nil {
				return err
			}
		}
		return nil
	})
}

// words implements app.ScreeningWords.
type words struct{ s *Store }

func (r words) InForce(ctx context.Context) ([]domain.ScreeningWord, int64, error) {
	return r.s.read().ScreeningWords(ctx)
}

func (r words) Version(ctx context.Context) (int64, error) { return r.s.read().WordsVersion(ctx) }

func (r words) List(ctx context.Context, list domain.WordList, page pagetoken.Page) ([]domain.ScreeningWord, string, error) {
	return r.s.read().ListScreeningWords(ctx, list, page)
}

func (r words) Changes(ctx context.Context, page pagetoken.Page) ([]domain.WordChange, string, error) {
	return r.s.read().ListScreeningWordChanges(ctx, page)
}

func (r words) Add(ctx context.Context, w domain.ScreeningWord, by, reason string) (domain.ScreeningWord, error) {
	err := r.s.inTx(ctx, func(db repo, _ pgx.Tx) error {
		var err error
		w, err = db.AddScreeningWord(ctx, w, by, reason)
		return err
	})
	return w, err
}

func (r words) Remove(ctx context.Context, id, by, reason string, at time.Time) (int64, error) {
	var version int64
	err := r.s.inTx(ctx, func(db repo, _ pgx.Tx) error {
		var err error
		version, err = db.RemoveScreeningWord(ctx, id, by, reason, at)
		return err
	})
	return version, err
}
