// Package rescreen masks personal data in free text a service stored before
// it screened that text (platform/personaldata), once, at the service's
// start: the migration step that a SQL migration cannot do, because the
// detector is Go code.
//
// Each table names its text columns and a boolean flag column. A migration
// adds the flag as false for the rows already there and true by default
// for every row written afterwards (which the service masks before
// writing); Run masks the unflagged rows in place and sets their flag.
// Batches run under a transaction-scoped advisory lock per table, so any
// number of replicas starting together share the work, and none returns —
// none serves — before every row of the table is screened. Masking a
// masked text changes nothing, so a row screened twice is harmless.
//
// When the detector learns more (personaldata.Version), text screened by
// an older version is screened again: each table's version is kept in
// personaldata_rescreen, and a table behind has its flags cleared first.
package rescreen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/platform/pg"
)

// Table is one table whose free text is screened once.
type Table struct {
	Name string
	// Text are text columns masked in place.
	Text []string
	// JSON are json or jsonb columns in which every string value is masked.
	JSON []string
	// Flag is the boolean column that is false until the row is screened.
	Flag string
	// Kinds, if set, is a text[] column that receives the kinds found
	// (added to those it holds).
	Kinds string
	// Derive, if set, gives further columns to set from the masked texts
	// (a search or comparison form built from them, a masked-flag).
	Derive func(masked map[string]string, kinds []personaldata.Kind) map[string]any
}

// batchSize is how many rows one transaction screens.
const batchSize = 200

// Run screens every unflagged row of each table and returns how many rows
// it changed (rows with nothing to mask only get their flag).
func Run(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger, tables ...Table) (int, error) {
	if err := pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, versionsDDL)
		return err
	}); err != nil {
		return 0, fmt.Errorf("rescreen versions: %w", err)
	}
	changed := 0
	for _, t := range tables {
		if err := t.reopen(ctx, pool, log); err != nil {
			return changed, fmt.Errorf("rescreen %s: %w", t.Name, err)
		}
		for {
			n, done, err := t.batch(ctx, pool)
			if err != nil {
				return changed, fmt.Errorf("rescreen %s: %w", t.Name, err)
			}
			changed += n
			if done {
				break
			}
		}
	}
	if changed > 0 {
		log.InfoContext(ctx, "personal data masked in stored text", "rows", changed)
	}
	return changed, nil
}

// Step is Run as a start-up step for service.Deps.Prepare: it runs once
// the database is migrated, before the service takes requests, and is
// retried until it succeeds.
func Step(pool *pgxpool.Pool, log *slog.Logger, tables ...Table) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := Run(ctx, pool, log, tables...)
		return err
	}
}

// versionsDDL keeps which detector version screened each table; replicas
// starting together create it under one lock.
const versionsDDL = `SELECT pg_advisory_xact_lock(hashtextextended('rescreen', 0));
CREATE TABLE IF NOT EXISTS personaldata_rescreen (
  table_name text PRIMARY KEY,
  detector_version int NOT NULL
)`

// unversioned is the version that screened a table before versions were
// kept: the detector without words for numbers.
const unversioned = 1

// reopen clears the flags of a table screened by an older detector, so its
// rows are screened again, and records the current version.
func (t Table) reopen(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	return pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := t.lock(ctx, tx); err != nil {
			return err
		}
		version := unversioned
		err := tx.QueryRow(ctx, `SELECT detector_version FROM personaldata_rescreen WHERE table_name = $1`, t.Name).Scan(&version)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if version >= personaldata.Version {
			return nil
		}
		tag, err := tx.Exec(ctx, fmt.Sprintf(`UPDATE %s SET %s = false WHERE %s`, ident(t.Name), ident(t.Flag), ident(t.Flag)))
		if err != nil {
			return err
		}
		log.InfoContext(ctx, "stored text to screen again with a newer detector", "table", t.Name,
			"rows", tag.RowsAffected(), "from_version", version, "to_version", personaldata.Version)
		_, err = tx.Exec(ctx, `INSERT INTO personaldata_rescreen (table_name, detector_version) VALUES ($1, $2)
			ON CONFLICT (table_name) DO UPDATE SET detector_version = excluded.detector_version`, t.Name, personaldata.Version)
		return err
	})
}

// lock serialises the work on one table across replicas.
func (t Table) lock(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('rescreen:' || $1, 0))`, t.Name)
	return err
}

// batch screens up to batchSize rows in one transaction; done when fewer
// were left.
func (t Table) batch(ctx context.Context, pool *pgxpool.Pool) (changed int, done bool, err error) {
	err = pg.InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := t.lock(ctx, tx); err != nil {
			return err
		}
		rows, err := t.claim(ctx, tx)
		if err != nil {
			return err
		}
		done = len(rows) < batchSize
		for _, r := range rows {
			set, kinds := t.screen(r)
			if len(kinds) > 0 {
				changed++
			}
			if err := t.update(ctx, tx, r.id, set); err != nil {
				return err
			}
		}
		return nil
	})
	return changed, done, err
}

type row struct {
	id    pgtype.TID
	text  map[string]string
	kinds []string
}

func (t Table) columns() []string { return append(slices.Clone(t.Text), t.JSON...) }

func (t Table) claim(ctx context.Context, tx pgx.Tx) ([]row, error) {
	cols := []string{"ctid"}
	for _, c := range t.columns() {
		cols = append(cols, "coalesce("+ident(c)+"::text, '')")
	}
	if t.Kinds != "" {
		cols = append(cols, ident(t.Kinds))
	} else {
		cols = append(cols, "'{}'::text[]")
	}
	rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE NOT %s LIMIT %d FOR UPDATE`,
		strings.Join(cols, ", "), ident(t.Name), ident(t.Flag), batchSize))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		vals := make([]string, len(t.columns()))
		dest := []any{new(pgtype.TID)}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		var kinds []string
		if err := r.Scan(append(dest, &kinds)...); err != nil {
			return row{}, err
		}
		out := row{id: *dest[0].(*pgtype.TID), text: map[string]string{}, kinds: kinds}
		for i, c := range t.columns() {
			out.text[c] = vals[i]
		}
		return out, nil
	})
}

// screen masks a row's texts and returns the columns to set.
func (t Table) screen(r row) (map[string]any, []personaldata.Kind) {
	var s personaldata.Screening
	set := map[string]any{t.Flag: true}
	masked := map[string]string{}
	for _, c := range t.columns() {
		if slices.Contains(t.JSON, c) {
			masked[c] = maskJSON(&s, r.text[c])
		} else {
			masked[c] = s.Mask(r.text[c])
		}
		if masked[c] != r.text[c] {
			set[c] = masked[c] // unchanged columns (NULLs among them) stay as they are
		}
	}
	if t.Kinds != "" && s.Masked() {
		set[t.Kinds] = mergeKinds(r.kinds, s.Kinds())
	}
	if t.Derive != nil {
		for k, v := range t.Derive(masked, s.Kinds()) {
			set[k] = v
		}
	}
	return set, s.Kinds()
}

func (t Table) update(ctx context.Context, tx pgx.Tx, id pgtype.TID, set map[string]any) error {
	var assign []string
	args := []any{id}
	for _, c := range slices.Sorted(maps.Keys(set)) {
		args = append(args, set[c])
		expr := fmt.Sprintf("$%d", len(args))
		if slices.Contains(t.JSON, c) {
			expr += "::jsonb"
		}
		assign = append(assign, ident(c)+" = "+expr)
	}
	_, err := tx.Exec(ctx, fmt.Sprintf(`UPDATE %s SET %s WHERE ctid = $1`, ident(t.Name), strings.Join(assign, ", ")), args...)
	return err
}

// mergeKinds adds the kinds found to those a row already lists, in the
// detector's priority order, as the services write them.
func mergeKinds(had []string, found []personaldata.Kind) []string {
	var out []string
	for _, k := range personaldata.AllKinds {
		if slices.Contains(had, string(k)) || slices.Contains(found, k) {
			out = append(out, string(k))
		}
	}
	return out
}

// maskJSON masks every string value of a JSON document (keys stay).
func maskJSON(s *personaldata.Screening, doc string) string {
	if doc == "" {
		return doc
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return doc
	}
	b, err := json.Marshal(maskValue(s, v))
	if err != nil {
		return doc
	}
	return string(b)
}

func maskValue(s *personaldata.Screening, v any) any {
	switch x := v.(type) {
	case string:
		return s.Mask(x)
	case []any:
		for i := range x {
			x[i] = maskValue(s, x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = maskValue(s, x[k])
		}
	}
	return v
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }
