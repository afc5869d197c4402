package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/seoul-gov/homepage/platform/pagetoken"
	"github.com/seoul-gov/homepage/platform/pg"
	"github.com/seoul-gov/homepage/services/content/internal/app"
)

// searchSQL matches texts in any language by substring (ILIKE) or by
// trigram word similarity (<%), both served by the GIN trigram index on
// item_texts.doc; neither needs words to be segmented, which is what makes
// it work for Korean. An item scores by its best language:
//
//	0.6 × word_similarity(query, title) + 0.4 × word_similarity(query, doc)
//	+ 0.2 when the title contains the query
//
// and results page by (score, id) so equal scores still page stably. The
// CTEs are materialized so scores are computed once per matching text and
// item columns are read only for the page.
const searchSQL = `WITH m AS MATERIALIZED (
	SELECT t.item_id, max(0.6 * word_similarity($1, t.title) + 0.4 * word_similarity($1, t.doc)
		+ CASE WHEN t.title ILIKE $2 THEN 0.2 ELSE 0 END)::real AS score
	FROM item_texts t
	WHERE t.doc ILIKE $2 OR $1 <% t.title
	GROUP BY t.item_id),
page AS MATERIALIZED (
	SELECT m.item_id, m.score FROM m JOIN items i ON i.id = m.item_id
	WHERE i.status = 'published' AND ($3 = '' OR i.kind = $3) AND ($4 = '' OR i.department_code = $4)
	AND ($5::real IS NULL OR (m.score, m.item_id) < ($5, $6::uuid))
	ORDER BY m.score DESC, m.item_id DESC LIMIT $7)
SELECT page.score, `

const searchTail = `
	FROM page JOIN items i ON i.id = page.item_id` + itemJoinsWithoutBodies + `
	ORDER BY page.score DESC, i.id DESC`

// Search pages through published items matching q, best first.
func (r *Items) Search(ctx context.Context, q app.SearchQuery, p pagetoken.Page) ([]app.SearchHit, string, error) {
	query := pagetoken.Fingerprint("search", q.Text, q.Kind, q.Department)
	cur, err := after(p.Token, query)
	if err != nil {
		return nil, "", err
	}
	_, score, id := cur.keysetArgs()
	rows, err := r.s.db.Query(ctx, searchSQL+itemColumns+searchTail,
		q.Text, "%"+escapeLike(q.Text)+"%", q.Kind, q.Department, score, id, p.Size+1)
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	hits, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (app.SearchHit, error) {
		var h app.SearchHit
		var ir itemRow
		if err := row.Scan(append([]any{&h.Score}, ir.targets()...)...); err != nil {
			return h, err
		}
		it, err := ir.item()
		h.Item = it
		return h, err
	})
	if err != nil {
		return nil, "", pg.MapError(err)
	}
	hits, next := pagetoken.Cut(hits, p.Size, func(h app.SearchHit) string {
		return pagetoken.EncodeFor(query, position{Score: h.Score, ID: h.Item.ID})
	})
	return hits, next, nil
}

// escapeLike makes the query's own % _ and \ match literally.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
