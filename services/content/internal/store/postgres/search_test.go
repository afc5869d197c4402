package postgres

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/platform/testinfra"
	"github.com/seoul-gov/homepage/services/content/migrations"
)

func TestMain(m *testing.M) { os.Exit(testinfra.Main(m)) }

// A3.1.2: Korean text is indexed by trigrams (pg_trgm) and the query
// SearchItems really runs — searchSQL with the arguments Search passes —
// is served by the GIN trigram indexes on both the text (ILIKE) and the
// title (word similarity) rather than by scanning every text. Sequential
// scans are disabled so a tiny test table cannot hide an unusable index:
// a predicate no trigram index serves then shows as a scan of every row
// (sequential or through the primary key) without the trigram indexes.
func TestSearchUsesTrigramIndex(t *testing.T) {
	t.Parallel()
	pool := testinfra.Database(t, "content", func(ctx context.Context, url string) error {
		return pg.MigrateURL(ctx, url, migrations.FS)
	})
	ctx := context.Background()
	var trigrams int
	require.NoError(t, pool.QueryRow(ctx, `SELECT cardinality(show_trgm('공공자전거 따릉이'))`).Scan(&trigrams))
	require.Positive(t, trigrams, "Hangul yields trigrams")

	text := "따릉이"
	afterScore, afterID := float32(0.5), "0190f0a0-0000-7000-8000-000000000001"
	for name, args := range map[string][]any{
		"first page":           {text, "%" + escapeLike(text) + "%", "", "", nil, nil, 21},
		"later page, filtered": {text, "%" + escapeLike(text) + "%", "policy", "SMG-DIGITAL", &afterScore, &afterID, 21},
	} {
		t.Run(name, func(t *testing.T) {
			tx, err := pool.Begin(ctx)
			require.NoError(t, err)
			defer func() { _ = tx.Rollback(ctx) }()
			_, err = tx.Exec(ctx, `SET LOCAL enable_seqscan = off`)
			require.NoError(t, err)
			rows, err := tx.Query(ctx, "EXPLAIN "+searchSQL+itemColumns+searchTail, args...)
			require.NoError(t, err)
			var plan strings.Builder
			for rows.Next() {
				var line string
				require.NoError(t, rows.Scan(&line))
				plan.WriteString(line + "\n")
			}
			require.NoError(t, rows.Err())
			require.Contains(t, plan.String(), "item_texts_doc_trgm", plan.String())
			require.Contains(t, plan.String(), "item_texts_title_trgm", plan.String())
			require.NotContains(t, plan.String(), "Seq Scan on item_texts", plan.String())
		})
	}
}
