package rescreen_test

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/personaldata"
	"github.com/seoul-gov/homepage/platform/personaldata/rescreen"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/testinfra"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// notes is a table as a service migrates it: rows from before screening
// get text_screened false, later rows true by default.
var migrations = fstest.MapFS{"00001_notes.sql": {Data: []byte(`
-- +goose Up
CREATE TABLE notes (
  id int PRIMARY KEY,
  body text NOT NULL,
  note text,
  answers jsonb NOT NULL DEFAULT '[]',
  kinds text[] NOT NULL DEFAULT '{}',
  search text NOT NULL DEFAULT ''
);
INSERT INTO notes (id, body, note, answers, search)
SELECT n, '연락 010-1234-' || lpad(n::text, 4, '0'), NULL,
       '[{"question_id": "q1", "value": "bimil.cha@example.org"}]', 'plain 0101234' || lpad(n::text, 4, '0')
FROM generate_series(1, 450) n;
INSERT INTO notes (id, body, note) VALUES (1000, '깨끗한 글', '2026-1234567 접수');
ALTER TABLE notes ADD COLUMN text_screened boolean NOT NULL DEFAULT false;
ALTER TABLE notes ALTER COLUMN text_screened SET DEFAULT true;
-- +goose Down
DROP TABLE notes;
`)}}

func db(t *testing.T) *pgxpool.Pool {
	t.Helper()
	return testinfra.Database(t, "rescreen-test", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, migrations)
	})
}

var notes = rescreen.Table{Name: "notes", Text: []string{"body", "note"}, JSON: []string{"answers"},
	Flag: "text_screened", Kinds: "kinds",
	Derive: func(masked map[string]string, _ []personaldata.Kind) map[string]any {
		return map[string]any{"search": "plain " + masked["body"]}
	}}

// A10.4: rows stored before screening are masked in place, in several
// batches, with their kinds and derived columns; clean rows keep their
// text (a NULL stays NULL); rows written later are not touched.
func TestRunMasksRowsStoredBeforeA10_4(t *testing.T) {
	t.Parallel()
	pool := db(t)
	ctx := t.Context()
	n, err := rescreen.Run(ctx, pool, slog.New(slog.DiscardHandler), notes)
	require.NoError(t, err)
	require.Equal(t, 450, n)
	_, err = pool.Exec(ctx, `INSERT INTO notes (id, body) VALUES (2000, '나중 글 010-9999-8888')`)
	require.NoError(t, err)

	var body, answers, search string
	var kinds []string
	require.NoError(t, pool.QueryRow(ctx, `SELECT body, answers::text, kinds, search FROM notes WHERE id = 7`).
		Scan(&body, &answers, &kinds, &search))
	require.Equal(t, "연락 010-****-0007", body)
	require.JSONEq(t, `[{"question_id": "q1", "value": "b***@example.org"}]`, answers)
	require.Equal(t, []string{"email_address", "phone_number"}, kinds, "in the detector's priority order")
	require.Equal(t, "plain 연락 010-****-0007", search)

	var note *string
	require.NoError(t, pool.QueryRow(ctx, `SELECT body, note FROM notes WHERE id = 1000`).Scan(&body, &note))
	require.Equal(t, "깨끗한 글", body)
	require.Equal(t, "2026-1234567 접수", *note)

	var left int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM notes WHERE NOT text_screened OR body LIKE '%010-1234-%'`).Scan(&left))
	require.Zero(t, left)

	n, err = rescreen.Run(ctx, pool, slog.New(slog.DiscardHandler), notes)
	require.NoError(t, err)
	require.Zero(t, n, "a second start has nothing left to do")
	require.NoError(t, pool.QueryRow(ctx, `SELECT body FROM notes WHERE id = 2000`).Scan(&body))
	require.Equal(t, "나중 글 010-9999-8888", body, "rows written after screening are the service's to mask")
}

// A10.1: text screened by an older detector is screened again when the
// detector learns more (here: a number written in words, which version 1
// missed), once, and then left alone.
func TestRunScreensAgainAfterTheDetectorLearnedMore(t *testing.T) {
	t.Parallel()
	pool := db(t)
	ctx := t.Context()
	_, err := rescreen.Run(ctx, pool, slog.New(slog.DiscardHandler), notes)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `INSERT INTO notes (id, body) VALUES (3000, '연락은 공일공 일이삼사 오육칠팔')`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE personaldata_rescreen SET detector_version = 1 WHERE table_name = 'notes'`)
	require.NoError(t, err)

	n, err := rescreen.Run(ctx, pool, slog.New(slog.DiscardHandler), notes)
	require.NoError(t, err)
	require.Equal(t, 1, n, "only the row the newer detector finds something in changes")
	var body string
	var kinds []string
	require.NoError(t, pool.QueryRow(ctx, `SELECT body, kinds FROM notes WHERE id = 3000`).Scan(&body, &kinds))
	require.Equal(t, "연락은 010-****-5678", body)
	require.Equal(t, []string{"phone_number"}, kinds)

	n, err = rescreen.Run(ctx, pool, slog.New(slog.DiscardHandler), notes)
	require.NoError(t, err)
	require.Zero(t, n, "the version is recorded: the next start does nothing")
}

// Replicas starting together share the work under the table's lock; none
// returns before every row is screened.
func TestRunIsSafeWithReplicas(t *testing.T) {
	t.Parallel()
	pool := db(t)
	ctx := t.Context()
	var wg sync.WaitGroup
	counts := make([]int, 3)
	errs := make([]error, 3)
	left := make([]int, 3)
	for i := range counts {
		wg.Go(func() {
			counts[i], errs[i] = rescreen.Run(ctx, pool, slog.New(slog.DiscardHandler), notes)
			if errs[i] == nil {
				errs[i] = pool.QueryRow(ctx, `SELECT count(*) FROM notes WHERE NOT text_screened`).Scan(&left[i])
			}
		})
	}
	wg.Wait()
	for i := range counts {
		require.NoError(t, errs[i])
		require.Zero(t, left[i], "replica %d returned before the table was screened", i)
	}
	require.Equal(t, 450, counts[0]+counts[1]+counts[2], "each row is masked by exactly one replica")
}
